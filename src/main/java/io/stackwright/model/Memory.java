package io.stackwright.model;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory or storage, in whole mebibytes.
 *
 * <p>Written with a binary unit: {@code 512Mi}, {@code 2Gi}, {@code 1Ti}, or a fraction that comes
 * to whole mebibytes, as Kubernetes accepts it ({@code 1.5Gi} is {@code 1536Mi}). Decimal units and
 * plain bytes are refused on purpose: they rarely mean what the writer thinks ({@code 500M} is not
 * 500 MiB), and whole mebibytes render exactly on both targets. Rendered to Kubernetes in the
 * largest unit that divides it ({@code 2Gi}), and to Compose in its binary units ({@code 2g}).
 *
 * @param mebibytes the amount in MiB, at least 1
 */
public record Memory(long mebibytes) implements Comparable<Memory> {

  private static final Pattern FORMAT = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(Mi|Gi|Ti)");
  private static final long MAX_MEBIBYTES = 1L << 30;

  /**
   * Rejects zero, negative and absurd (over a PiB) amounts.
   *
   * @param mebibytes see {@link #mebibytes()}
   */
  public Memory {
    if (mebibytes < 1 || mebibytes > MAX_MEBIBYTES) {
      throw new IllegalArgumentException(
          "memory must be between 1Mi and 1024Ti, got " + mebibytes + "Mi");
    }
  }

  /**
   * Parses {@code 512Mi}, {@code 2Gi} or {@code 1Ti}, or a fraction of whole mebibytes ({@code
   * 1.5Gi}).
   *
   * @param text the amount as an environment file writes it
   * @return the amount
   * @throws IllegalArgumentException with the text received and the accepted forms
   */
  public static Memory parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a memory amount; write a whole number with a binary unit, such as 512Mi,"
              + " 2Gi or 1Ti");
    }
    BigDecimal exact =
        new BigDecimal(m.group(1))
            .multiply(
                switch (m.group(2)) {
                  case "Gi" -> BigDecimal.valueOf(1L << 10);
                  case "Ti" -> BigDecimal.valueOf(1L << 20);
                  default -> BigDecimal.ONE;
                });
    if (exact.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a whole number of mebibytes ("
              + exact.stripTrailingZeros().toPlainString()
              + "Mi); write it in Mi, such as "
              + exact
                  .setScale(0, java.math.RoundingMode.HALF_UP)
                  .max(BigDecimal.ONE)
                  .toPlainString()
              + "Mi");
    }
    long mebibytes = exact.longValueExact();
    if (mebibytes < 1 || mebibytes > MAX_MEBIBYTES) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is out of range; memory must be at least 1Mi and at most 1024Ti");
    }
    return new Memory(mebibytes);
  }

  /**
   * Mebibytes.
   *
   * @param mebibytes at least 1
   * @return the amount
   */
  public static Memory mebibytes(long mebibytes) {
    return new Memory(mebibytes);
  }

  /**
   * Gibibytes.
   *
   * @param gibibytes at least 1
   * @return the amount
   */
  public static Memory gibibytes(long gibibytes) {
    return new Memory(Math.multiplyExact(gibibytes, 1024L));
  }

  /**
   * This amount times {@code percent}/100, rounded down to whole mebibytes (at least 1).
   *
   * @param percent such as {@code 25} for a quarter
   * @return the share, in mebibytes
   */
  public Memory percent(int percent) {
    return new Memory(Math.max(1, mebibytes * percent / 100));
  }

  /** {@return the Kubernetes quantity, in the largest unit that divides the amount exactly} */
  public String toKubernetes() {
    if (mebibytes % (1L << 20) == 0) {
      return (mebibytes >> 20) + "Ti";
    }
    if (mebibytes % 1024 == 0) {
      return (mebibytes >> 10) + "Gi";
    }
    return mebibytes + "Mi";
  }

  /**
   * The Compose byte value; Compose's units are binary and written in lower case ({@code 512m}).
   *
   * @return {@code <n>g} for whole gibibytes, otherwise {@code <n>m}
   */
  public String toCompose() {
    return mebibytes % 1024 == 0 ? (mebibytes >> 10) + "g" : mebibytes + "m";
  }

  @Override
  public int compareTo(Memory other) {
    return Long.compare(mebibytes, other.mebibytes);
  }

  @Override
  public String toString() {
    return toKubernetes();
  }
}
