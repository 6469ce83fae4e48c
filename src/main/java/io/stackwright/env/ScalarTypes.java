package io.stackwright.env;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The scalar types the loader understands. Conversions are deliberately narrower than YAML 1.1: a
 * value means one thing, so {@code yes}, {@code 0x10}, {@code 1_000} and quoted numbers are errors
 * rather than guesses.
 */
final class ScalarTypes {

  static final ScalarType STRING = new Text();
  static final ScalarType INT = new Whole(Integer.MIN_VALUE, Integer.MAX_VALUE, true);
  static final ScalarType LONG = new Whole(Long.MIN_VALUE, Long.MAX_VALUE, false);
  static final ScalarType BOOLEAN = new Truth();
  static final ScalarType DOUBLE = new Decimal();

  private ScalarTypes() {}

  static ScalarType enumeration(Class<?> type) {
    return new Enumeration(type);
  }

  static ScalarType parsed(Class<?> type, Method parse) {
    return new Parsed(type, parse);
  }

  private static String remedy(ScalarText scalar, String otherwise) {
    return scalar.plain() ? otherwise : "remove the quotes";
  }

  /** Any scalar, whatever YAML would have resolved it to: {@code no}, {@code on}, {@code 1.0}. */
  private static final class Text implements ScalarType {
    @Override
    public String expected() {
      return "a string";
    }

    @Override
    public Object convert(ScalarText scalar) {
      return scalar.text();
    }
  }

  private static final class Whole implements ScalarType {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");

    private final long min;
    private final long max;
    private final boolean narrow;

    Whole(long min, long max, boolean narrow) {
      this.min = min;
      this.max = max;
      this.narrow = narrow;
    }

    @Override
    public String expected() {
      return "an integer";
    }

    @Override
    public Object convert(ScalarText scalar) throws RejectedValue {
      String text = scalar.text();
      if (!scalar.plain() || !DECIMAL.matcher(text).matches()) {
        throw new RejectedValue(
            "expected an integer, got " + scalar.describe(),
            remedy(scalar, "write a decimal integer such as 3"));
      }
      String digits = text.replaceFirst("^[-+]", "");
      // YAML 1.1 reads a leading zero as octal; refusing it avoids a silent disagreement.
      if (digits.length() > 1 && digits.startsWith("0")) {
        throw new RejectedValue(
            "expected an integer without leading zeros, got " + scalar.describe(),
            "remove the leading zeros");
      }
      long value;
      try {
        value = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw outOfRange(text);
      }
      if (value < min || value > max) {
        throw outOfRange(text);
      }
      if (narrow) {
        return Integer.valueOf((int) value);
      }
      return Long.valueOf(value);
    }

    private RejectedValue outOfRange(String text) {
      return new RejectedValue(
          text + " is out of range for an integer (" + min + " to " + max + ")",
          "use a value within the key's range");
    }
  }

  private static final class Truth implements ScalarType {
    @Override
    public String expected() {
      return "true or false";
    }

    @Override
    public Object convert(ScalarText scalar) throws RejectedValue {
      if (scalar.plain()) {
        if (scalar.text().equals("true")) {
          return Boolean.TRUE;
        }
        if (scalar.text().equals("false")) {
          return Boolean.FALSE;
        }
      }
      throw new RejectedValue(
          "expected true or false, got " + scalar.describe(), remedy(scalar, "use true or false"));
    }
  }

  private static final class Decimal implements ScalarType {
    private static final Pattern NUMBER =
        Pattern.compile("[-+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    @Override
    public String expected() {
      return "a number";
    }

    @Override
    public Object convert(ScalarText scalar) throws RejectedValue {
      if (!scalar.plain() || !NUMBER.matcher(scalar.text()).matches()) {
        throw new RejectedValue(
            "expected a number, got " + scalar.describe(),
            remedy(scalar, "write a decimal number such as 0.5"));
      }
      double value = Double.parseDouble(scalar.text());
      if (Double.isInfinite(value)) {
        throw new RejectedValue(
            scalar.text() + " is out of range for a number", "use a value within the key's range");
      }
      return value;
    }
  }

  /** Constants are written in YAML style: {@code LOG_LEVEL} is {@code log-level}. */
  private static final class Enumeration implements ScalarType {
    private final Map<String, Object> constants = new LinkedHashMap<>();

    Enumeration(Class<?> type) {
      for (Object constant : type.getEnumConstants()) {
        String name = ((Enum<?>) constant).name();
        constants.put(name.toLowerCase(Locale.ROOT).replace('_', '-'), constant);
      }
    }

    @Override
    public String expected() {
      return "one of " + String.join(", ", constants.keySet());
    }

    @Override
    public Object convert(ScalarText scalar) throws RejectedValue {
      Object constant = constants.get(scalar.text());
      if (constant == null) {
        throw new RejectedValue(
            "unknown value \"" + scalar.text() + "\"",
            Suggestions.hint(scalar.text(), constants.keySet(), "Allowed values"));
      }
      return constant;
    }
  }

  /** Value types with {@code public static X parse(String)}, e.g. a resource quantity. */
  private static final class Parsed implements ScalarType {
    private final Class<?> type;
    private final Method parse;

    Parsed(Class<?> type, Method parse) {
      this.type = type;
      this.parse = parse;
    }

    @Override
    public String expected() {
      String name = type.getSimpleName();
      return ("AEIOU".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name;
    }

    @Override
    public Object convert(ScalarText scalar) throws RejectedValue {
      Object value;
      try {
        value = parse.invoke(null, scalar.text());
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IllegalArgumentException) {
          throw new RejectedValue(
              cause.getMessage() != null ? cause.getMessage() : invalid(scalar),
              cause instanceof InvalidPropException invalid ? invalid.hint() : "");
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(type.getName() + ".parse failed", cause);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(type.getName() + ".parse is not accessible", e);
      }
      if (value == null) {
        throw new RejectedValue(invalid(scalar), "");
      }
      return value;
    }

    private String invalid(ScalarText scalar) {
      return "\"" + scalar.text() + "\" is not a valid " + type.getSimpleName();
    }
  }
}
