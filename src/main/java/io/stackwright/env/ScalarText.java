package io.stackwright.env;

import java.util.regex.Pattern;

/**
 * A scalar's text after variable substitution.
 *
 * @param text the substituted text
 * @param plain whether the scalar was written without quotes; numbers and booleans must be
 */
record ScalarText(String text, boolean plain) {

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");
  private static final int MAX_SHOWN = 40;

  /** How the value reads after "got", e.g. {@code the string "abc"} or {@code the number 1.5}. */
  String describe() {
    if (text.isEmpty()) {
      return "an empty string";
    }
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    if (plain && NUMBER.matcher(text).matches()) {
      return "the number " + shown;
    }
    return "the string \"" + shown + "\"";
  }
}
