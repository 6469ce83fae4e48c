package io.stackwright.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, checked against the OCI distribution reference grammar.
 *
 * @param name repository, with its registry host when one is given ({@code ghcr.io/acme/api})
 * @param tag the tag, or {@code null} when none is given
 * @param digest the content digest ({@code sha256:…}), or {@code null} when none is given
 */
public record ImageRef(String name, String tag, String digest) {

  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN =
      "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
          + "(?::[0-9]+)?/)";
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(?<name>"
              + DOMAIN
              + "?"
              + COMPONENT
              + "(?:/"
              + COMPONENT
              + ")*)"
              + "(?::(?<tag>[\\w][\\w.-]{0,127}))?"
              + "(?:@(?<digest>sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128}))?");

  /**
   * Checks the parts; use {@link #parse} for text.
   *
   * @param name see {@link #name()}
   * @param tag see {@link #tag()}
   * @param digest see {@link #digest()}
   */
  public ImageRef {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("image name is empty");
    }
  }

  /**
   * Parses {@code [registry/]repository[:tag][@digest]}.
   *
   * @param text the reference, such as {@code ghcr.io/acme/shop-api:1.4.2}
   * @return its parts
   * @throws IllegalArgumentException naming the text received and the expected form
   */
  public static ImageRef parse(String text) {
    if (text == null || text.length() > 512) {
      throw new IllegalArgumentException(
          "an image reference must be at most 512 characters; check that this is an image name");
    }
    Matcher m = REFERENCE.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a valid image reference; expected [registry/]repository[:tag][@sha256:digest]"
              + " in lower case, e.g. ghcr.io/acme/api:1.4.2");
    }
    return new ImageRef(m.group("name"), m.group("tag"), m.group("digest"));
  }

  /**
   * True when the reference names one build: a digest, or a tag other than {@code latest}.
   *
   * @return whether the reference is pinned
   */
  public boolean isPinned() {
    return digest != null || (tag != null && !tag.equals("latest"));
  }

  /** The reference as written in manifests. */
  @Override
  public String toString() {
    return name + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
