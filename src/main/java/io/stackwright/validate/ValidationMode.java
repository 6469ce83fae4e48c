package io.stackwright.validate;

import io.stackwright.text.Printable;
import java.util.Locale;

/** What a synth does when a validation tool is missing. */
public enum ValidationMode {
  /**
   * Run every layer whose tool is found; say plainly which were skipped and how to install them.
   */
  AUTO,
  /** Every layer must run: a missing tool fails the synth. What CI uses. */
  STRICT;

  /**
   * Parses {@code auto} or {@code strict}, as given by {@code -Dvalidate=}; empty means auto.
   *
   * @param text the value; {@code null} or empty for {@code auto}
   * @return the mode
   * @throws IllegalArgumentException for any other value
   */
  public static ValidationMode parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "", "auto" -> AUTO;
      case "strict" -> STRICT;
      default ->
          throw new IllegalArgumentException(
              "unknown validation mode \""
                  + Printable.line(String.valueOf(text))
                  + "\"; use -Dvalidate=auto or -Dvalidate=strict");
    };
  }
}
