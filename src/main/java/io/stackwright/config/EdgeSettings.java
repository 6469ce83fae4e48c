package io.stackwright.config;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the edge's {@code nginx.conf} is generated from; see {@link NginxConf#edge(EdgeSettings)}.
 * Every value written into the file is checked here.
 *
 * @param listenPort the port nginx listens on, 1024 to 65535, since it runs without the capability
 *     to bind lower ones. Usually {@value NginxConf#DEFAULT_PORT}.
 * @param routes the route table, at least one route, distinct path prefixes. Order does not matter
 *     to nginx (the longest matching prefix wins) but is kept in the file. Each distinct rate of
 *     their rate limits is one {@code limit_req_zone}.
 * @param tls whether clients reach the stack over HTTPS, terminated in front of nginx: then {@code
 *     Strict-Transport-Security} is sent and the {@code X-Forwarded-Proto} of the terminating proxy
 *     is passed on; otherwise the scheme nginx sees is.
 * @param clientMaxBodySize the largest request body accepted ({@code 413} above it), unless a route
 *     sets its own. Default: {@code 1Mi}.
 * @param contentSecurityPolicy the {@code Content-Security-Policy} header. Printable ASCII without
 *     {@code " \ $ { }}. Default: {@value #DEFAULT_CONTENT_SECURITY_POLICY}.
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of nginx (an ingress
 *     controller's pods), whose {@code X-Forwarded-For} names the real client. Without them the
 *     rate limit counts every request relayed by such a proxy as the proxy's own. Default: none.
 * @param cpuLimit the container's CPU limit, which sets the number of worker processes. Default:
 *     one worker.
 */
public record EdgeSettings(
    int listenPort,
    List<EdgeRoute> routes,
    boolean tls,
    Memory clientMaxBodySize,
    String contentSecurityPolicy,
    List<String> trustedProxies,
    Cpu cpuLimit) {

  /** The policy used when none is given: the page's own origin only, never framed. */
  public static final String DEFAULT_CONTENT_SECURITY_POLICY =
      "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

  // Inside an nginx double-quoted string these would end the string, escape, interpolate a
  // variable or open a block; control characters would end the line.
  private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\${}]]+");
  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?:/(\\d{1,2}))?");
  private static final Pattern IPV6 =
      Pattern.compile("([0-9a-fA-F:]*:[0-9a-fA-F:]*)(?:/(\\d{1,3}))?");

  /**
   * Rejects a {@code Content-Security-Policy} that nginx would not take literally inside its
   * double-quoted header value.
   *
   * @param policy the policy
   * @throws InvalidPropException for key {@code contentSecurityPolicy}
   */
  public static void checkContentSecurityPolicy(String policy) {
    if (!isLiteralHeaderValue(policy)) {
      throw new InvalidPropException(
          "contentSecurityPolicy",
          "the content security policy \""
              + policy
              + "\" is empty or contains a character nginx would not take literally",
          "write one line of printable ASCII without \" \\ $ { }");
    }
  }

  /**
   * Whether nginx takes a header value literally inside double quotes: one line of printable ASCII,
   * not blank, without {@code " \ $ { }}.
   */
  static boolean isLiteralHeaderValue(String value) {
    return value != null && !value.isBlank() && HEADER_VALUE.matcher(value).matches();
  }

  /**
   * Applies the defaults and checks every value.
   *
   * @param listenPort see {@link #listenPort()}
   * @param routes see {@link #routes()}
   * @param tls see {@link #tls()}
   * @param clientMaxBodySize see {@link #clientMaxBodySize()}
   * @param contentSecurityPolicy see {@link #contentSecurityPolicy()}
   * @param trustedProxies see {@link #trustedProxies()}
   * @param cpuLimit see {@link #cpuLimit()}
   */
  public EdgeSettings {
    if (listenPort < 1024 || listenPort > 65535) {
      throw new InvalidPropException(
          "listenPort",
          "listenPort must be between 1024 and 65535, got " + listenPort,
          "use an unprivileged port such as " + NginxConf.DEFAULT_PORT);
    }
    routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    checkRoutes(routes);
    clientMaxBodySize = clientMaxBodySize == null ? Memory.mebibytes(1) : clientMaxBodySize;
    contentSecurityPolicy =
        contentSecurityPolicy == null ? DEFAULT_CONTENT_SECURITY_POLICY : contentSecurityPolicy;
    checkContentSecurityPolicy(contentSecurityPolicy);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    for (String proxy : trustedProxies) {
      if (!isAddressOrRange(proxy)) {
        throw new InvalidPropException(
            "trustedProxies",
            "\"" + proxy + "\" is not an IP address or CIDR range",
            "write an address or range such as 10.0.0.0/8 or fd00::/8");
      }
    }
    cpuLimit = cpuLimit == null ? Cpu.millis(1000) : cpuLimit;
  }

  /**
   * Settings with the defaults: port {@value NginxConf#DEFAULT_PORT}, no TLS, and the defaults of
   * every other value.
   *
   * @param routes the route table
   * @return the settings
   */
  public static EdgeSettings of(List<EdgeRoute> routes) {
    return new EdgeSettings(NginxConf.DEFAULT_PORT, routes, false, null, null, null, null);
  }

  private static void checkRoutes(List<EdgeRoute> routes) {
    if (routes.isEmpty()) {
      throw new IllegalArgumentException(
          "the edge has no routes; route / to the frontend at least");
    }
    Set<String> prefixes = new HashSet<>();
    for (EdgeRoute route : routes) {
      if (!prefixes.add(route.pathPrefix())) {
        throw new IllegalArgumentException(
            "two routes of the edge have the path prefix "
                + route.pathPrefix()
                + "; give each route its own prefix (/api and /api/ are the same prefix)");
      }
    }
  }

  private static boolean isAddressOrRange(String text) {
    if (text == null) {
      return false;
    }
    Matcher v4 = IPV4.matcher(text);
    if (v4.matches()) {
      for (int group = 1; group <= 4; group++) {
        if (Integer.parseInt(v4.group(group)) > 255) {
          return false;
        }
      }
      return v4.group(5) == null || Integer.parseInt(v4.group(5)) <= 32;
    }
    Matcher v6 = IPV6.matcher(text);
    if (!v6.matches() || (v6.group(2) != null && Integer.parseInt(v6.group(2)) > 128)) {
      return false;
    }
    try {
      // A text with a colon is parsed as an IPv6 literal, never looked up in DNS.
      return InetAddress.getByName(v6.group(1)).getAddress().length == 16;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
