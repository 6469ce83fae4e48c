package io.stackwright.text;

import java.util.Locale;

/**
 * Input quoted in a message, made safe and readable to print: every control character and invisible
 * format character written as an escape ({@code \n}, {@code \u001B}), so that a quoted value can
 * never forge a line of output or send a terminal an escape sequence; and a long value cut in the
 * middle, so that a 900 KB value does not flood a terminal or a CI log.
 */
public final class Printable {
  /**
   * The longest message kept whole, in characters: a quoted value of a few lines' length still
   * shows whole.
   */
  public static final int MAX_LENGTH = 400;

  /**
   * Kept from the end of a message that is cut, so that the hint after a long value still shows.
   */
  private static final int KEPT_AT_END = 120;

  private Printable() {}

  /**
   * {@code text} escaped, and cut in the middle to at most about {@value #MAX_LENGTH} characters,
   * saying how many were left out.
   *
   * @param text any text
   * @return the text, safe to print on one line
   */
  public static String line(String text) {
    return cut(escape(text));
  }

  /**
   * {@code text} with every control and format character written as an escape.
   *
   * @param text any text
   * @return the text, safe to print
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean escape = isUnprintable(c);
      if (escape && out == null) {
        out = new StringBuilder(text.substring(0, i));
      }
      if (out != null) {
        if (!escape) {
          out.append(c);
        } else if (c == '\n') {
          out.append("\\n");
        } else if (c == '\t') {
          out.append("\\t");
        } else if (c == '\r') {
          out.append("\\r");
        } else {
          out.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
      }
    }
    return out == null ? text : out.toString();
  }

  /**
   * Whether {@code c} would act on a terminal or hide text rather than show as itself.
   *
   * @param c a character
   * @return whether it is escaped
   */
  public static boolean isUnprintable(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }

  private static String cut(String text) {
    if (text.length() <= MAX_LENGTH) {
      return text;
    }
    int head = MAX_LENGTH - KEPT_AT_END;
    int tail = text.length() - KEPT_AT_END;
    // Never between the two halves of a surrogate pair.
    if (Character.isHighSurrogate(text.charAt(head - 1))) {
      head--;
    }
    if (Character.isLowSurrogate(text.charAt(tail))) {
      tail++;
    }
    return text.substring(0, head)
        + "…("
        + String.format(Locale.ROOT, "%,d", tail - head)
        + " characters left out)…"
        + text.substring(tail);
  }
}
