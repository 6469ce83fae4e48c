package io.stackwright.services;

import io.stackwright.env.InvalidPropException;

/** Range checks for integer props, with a message that says what to write instead. */
final class Range {
  private Range() {}

  /** Returns {@code value}, or {@code fallback} when it is null, after checking the range. */
  static int check(String key, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new InvalidPropException(
          key,
          key + " must be between " + min + " and " + max + ", got " + v,
          "use a value in range");
    }
    return v;
  }
}
