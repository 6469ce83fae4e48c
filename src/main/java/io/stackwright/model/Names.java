package io.stackwright.model;

import java.util.regex.Pattern;

/** The Kubernetes name formats, checked in one place. */
public final class Names {
  private static final Pattern RFC_1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern RFC_1123_LABEL =
      Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern RFC_1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final Pattern IPV4_CIDR =
      Pattern.compile(
          "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
              + "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(3[0-2]|[12]?[0-9])");
  private static final Pattern IPV6_CIDR =
      Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:]*/(12[0-8]|1[01][0-9]|[1-9]?[0-9])");

  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private Names() {}

  /**
   * Whether {@code key} is a valid Kubernetes label key: an optional DNS subdomain prefix and
   * {@code /}, then a name of at most 63 letters, digits, {@code - _ .}, starting and ending with a
   * letter or digit.
   *
   * @param key the text to check; {@code null} is not one
   * @return whether it is one
   */
  public static boolean isLabelKey(String key) {
    if (key == null) {
      return false;
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    return (slash < 0 || isSubdomain(key.substring(0, slash)))
        && LABEL_NAME.matcher(name).matches();
  }

  /**
   * Whether {@code value} is a valid Kubernetes label value: empty, or at most 63 letters, digits,
   * {@code - _ .}, starting and ending with a letter or digit.
   *
   * @param value the text to check; {@code null} is not one
   * @return whether it is one
   */
  public static boolean isLabelValue(String value) {
    return value != null && LABEL_VALUE.matcher(value).matches();
  }

  /**
   * An IPv4 or IPv6 address range in CIDR notation, such as {@code 10.0.0.0/8}.
   *
   * @param text the text to check; {@code null} is not one
   * @return whether it is one
   */
  public static boolean isCidr(String text) {
    return text != null && (IPV4_CIDR.matcher(text).matches() || IPV6_CIDR.matcher(text).matches());
  }

  /**
   * A DNS label that starts with a letter (RFC 1035), at most 63 characters: what Services and
   * namespaces need, and what we require of every service, stack and environment name.
   *
   * @param name the text to check; {@code null} is not one
   * @return whether it is one
   */
  public static boolean isDnsLabel(String name) {
    return name != null && RFC_1035_LABEL.matcher(name).matches();
  }

  /**
   * A DNS label that may start with a digit (RFC 1123), at most 63 characters: Secret names.
   *
   * @param name the text to check; {@code null} is not one
   * @return whether it is one
   */
  public static boolean isLabel(String name) {
    return name != null && RFC_1123_LABEL.matcher(name).matches();
  }

  /**
   * Namespaces that belong to the cluster itself: {@code default} and {@code kube-*}.
   *
   * @param name a namespace
   * @return whether it is one of them
   */
  public static boolean isReservedNamespace(String name) {
    return name.equals("default") || name.startsWith("kube-");
  }

  /**
   * A DNS subdomain (RFC 1123), at most 253 characters: StorageClass names.
   *
   * @param name the text to check; {@code null} is not one
   * @return whether it is one
   */
  public static boolean isSubdomain(String name) {
    return name != null && name.length() <= 253 && RFC_1123_SUBDOMAIN.matcher(name).matches();
  }
}
