package io.stackwright.model;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of CPU, held in millicores so that both targets can be rendered exactly.
 *
 * <p>Written as in Kubernetes: {@code 250m}, {@code 0.5} or {@code 2}. Rendered as a Kubernetes
 * quantity ({@code 250m}, {@code 2}) and as a Compose {@code cpus} decimal ({@code 0.25}).
 *
 * @param millis millicores, at least 1
 */
public record Cpu(long millis) implements Comparable<Cpu> {

  private static final Pattern FORMAT = Pattern.compile("(\\d+)m|(\\d+(?:\\.\\d{1,3})?)");
  private static final long MAX_MILLIS = 1_000_000L * 1000;

  /**
   * Rejects amounts below one millicore or above a million cores.
   *
   * @param millis see {@link #millis()}
   */
  public Cpu {
    if (millis < 1 || millis > MAX_MILLIS) {
      throw new IllegalArgumentException(
          "CPU must be between 1m and 1000000 cores, got " + millis + "m");
    }
  }

  /**
   * Parses {@code 250m}, {@code 0.5} or {@code 2}.
   *
   * @param text the amount as an environment file writes it
   * @return the amount
   * @throws IllegalArgumentException with the text received and the accepted forms
   */
  public static Cpu parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a CPU amount; write millicores like 250m or cores like 0.5 or 2");
    }
    try {
      long millis =
          m.group(1) != null
              ? Long.parseLong(m.group(1))
              : new BigDecimal(m.group(2)).movePointRight(3).longValueExact();
      return new Cpu(millis);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("\"" + text + "\" is too large for a CPU amount");
    }
  }

  /**
   * Millicores.
   *
   * @param millis from 1 to a million cores' worth
   * @return the amount
   */
  public static Cpu millis(long millis) {
    return new Cpu(millis);
  }

  /**
   * Multiplies, for derived limits.
   *
   * @param factor a positive whole number
   * @return this amount times {@code factor}
   * @throws ArithmeticException when the product overflows a {@code long}
   */
  public Cpu times(long factor) {
    return new Cpu(Math.multiplyExact(millis, factor));
  }

  /** {@return the Kubernetes quantity: whole cores as {@code 2}, anything else as {@code 250m}} */
  public String toKubernetes() {
    return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
  }

  /** {@return the Compose {@code cpus} value: cores as a plain decimal, such as {@code 0.25}} */
  public String toCompose() {
    return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString();
  }

  @Override
  public int compareTo(Cpu other) {
    return Long.compare(millis, other.millis);
  }

  @Override
  public String toString() {
    return toKubernetes();
  }
}
