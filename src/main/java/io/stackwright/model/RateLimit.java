package io.stackwright.model;

import io.stackwright.env.InvalidPropException;
import java.util.Locale;
import java.util.Objects;

/**
 * A per-client request rate limit of a route of the edge, as nginx's {@code limit_req} applies it:
 * each client address may make {@code requests} requests per second or per minute, and up to {@code
 * burst} more at once, before it is answered {@code 429}. Several limits on one route apply
 * together: a request must pass every one.
 *
 * <pre>{@code
 * RateLimit.perSecond(10, 20)   // 10 r/s, 20 more at once
 * RateLimit.perMinute(5, 0)     // 5 r/min, evenly spaced: the sixth within 12 s is refused
 * }</pre>
 *
 * @param requests requests per {@code per}, 1 to 100000
 * @param per the unit of the rate: a second or a minute
 * @param burst requests above the rate a client may make at once before it is answered {@code 429},
 *     0 to 100000; 0 refuses any request that comes sooner than the rate allows
 */
public record RateLimit(int requests, Per per, int burst) {

  /** The largest rate and burst accepted. */
  public static final int MAX = 100_000;

  /** The unit of a rate. */
  public enum Per {
    /** Requests per second, nginx's {@code r/s}. */
    SECOND("s"),
    /** Requests per minute, nginx's {@code r/m}. */
    MINUTE("m");

    private final String unit;

    Per(String unit) {
      this.unit = unit;
    }

    /** {@return nginx's letter for the unit: {@code s} or {@code m}} */
    public String unit() {
      return unit;
    }
  }

  /**
   * Checks the ranges.
   *
   * @param requests see {@link #requests()}
   * @param per see {@link #per()}
   * @param burst see {@link #burst()}
   */
  public RateLimit {
    Objects.requireNonNull(per, "per");
    if (requests < 1 || requests > MAX) {
      throw new InvalidPropException(
          "requests",
          "a rate limit must allow 1 to "
              + MAX
              + " requests per "
              + per.name().toLowerCase(Locale.ROOT)
              + ", got "
              + requests,
          "to refuse every request, route nothing; for fewer than one a second, use perMinute");
    }
    if (burst < 0 || burst > MAX) {
      throw new InvalidPropException(
          "burst",
          "a rate limit's burst must be between 0 and " + MAX + ", got " + burst,
          "use 0 for none, or about twice the rate");
    }
  }

  /**
   * A limit in requests per second.
   *
   * @param requests requests per second, 1 to 100000
   * @param burst requests a client may make at once above the rate, 0 to 100000
   * @return the limit
   */
  public static RateLimit perSecond(int requests, int burst) {
    return new RateLimit(requests, Per.SECOND, burst);
  }

  /**
   * A limit in requests per minute, for what must be rare, such as sign-in attempts.
   *
   * @param requests requests per minute, 1 to 100000
   * @param burst requests a client may make at once above the rate, 0 to 100000
   * @return the limit
   */
  public static RateLimit perMinute(int requests, int burst) {
    return new RateLimit(requests, Per.MINUTE, burst);
  }

  /** {@return the rate as nginx writes it, such as {@code 10r/s} or {@code 5r/m}} */
  public String rate() {
    return requests + "r/" + per.unit();
  }
}
