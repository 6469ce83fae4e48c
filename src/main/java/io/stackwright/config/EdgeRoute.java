package io.stackwright.config;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Names;
import java.util.regex.Pattern;

/**
 * One entry of the edge's route table: requests whose path starts with {@code pathPrefix} go to an
 * upstream service.
 *
 * <p>Every value is checked here, before it is written into {@code nginx.conf}, so that no value
 * can add a directive to the file.
 *
 * @param pathPrefix {@code /}, or segments each followed by {@code /}, such as {@code /api/}: the
 *     trailing slash makes {@code /api/} match {@code /api/orders} but not {@code /apiary}.
 *     Letters, digits and {@code . _ ~ -} in each segment; no {@code .} or {@code ..} segment.
 * @param upstream name of the nginx {@code upstream} block, a DNS label such as {@code backend};
 *     routes that share it must name the same host and port
 * @param host the service's DNS name, such as {@code backend}
 * @param port the service's port
 * @param stripPrefix whether the prefix is replaced by {@code /} before the request is passed on
 *     ({@code /api/orders} reaches the service as {@code /orders}); otherwise the path is passed
 *     unchanged
 * @param rateLimited whether the edge's per-client rate limit applies: meant for API routes, not
 *     for the static files a page load fetches many of at once
 */
public record EdgeRoute(
    String pathPrefix,
    String upstream,
    String host,
    int port,
    boolean stripPrefix,
    boolean rateLimited) {

  private static final Pattern PATH_PREFIX = Pattern.compile("/([A-Za-z0-9._~-]+/)*");

  /**
   * Checks every value that is written into the configuration.
   *
   * @param pathPrefix see {@link #pathPrefix()}
   * @param upstream see {@link #upstream()}
   * @param host see {@link #host()}
   * @param port see {@link #port()}
   * @param stripPrefix see {@link #stripPrefix()}
   * @param rateLimited see {@link #rateLimited()}
   */
  public EdgeRoute {
    if (pathPrefix == null
        || !PATH_PREFIX.matcher(pathPrefix).matches()
        || pathPrefix.contains("/./")
        || pathPrefix.contains("/../")) {
      throw new InvalidPropException(
          "pathPrefix",
          "\"" + pathPrefix + "\" is not a path prefix",
          "write / or segments each followed by /, such as /api/, with letters, digits and . _ ~ -");
    }
    if (!Names.isDnsLabel(upstream)) {
      throw new InvalidPropException(
          "upstream",
          "\"" + upstream + "\" is not a valid upstream name",
          "use a DNS label: lower-case letters, digits and '-', starting with a letter");
    }
    if (!Names.isSubdomain(host)) {
      throw new InvalidPropException(
          "host",
          "\"" + host + "\" is not a DNS name",
          "use lower-case letters, digits, '-' and '.', such as backend");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidPropException(
          "port", "port must be between 1 and 65535, got " + port, "use the service's port");
    }
  }

  /**
   * A route that passes the path on unchanged and is not rate-limited.
   *
   * @param pathPrefix the path prefix, such as {@code /}
   * @param upstream the upstream's name, such as {@code frontend}
   * @param host the service's DNS name
   * @param port the service's port
   * @return the route
   */
  public static EdgeRoute to(String pathPrefix, String upstream, String host, int port) {
    return new EdgeRoute(pathPrefix, upstream, host, port, false, false);
  }

  /**
   * This route with the edge's rate limit applied.
   *
   * @return a copy with {@code rateLimited} set
   */
  public EdgeRoute withRateLimit() {
    return new EdgeRoute(pathPrefix, upstream, host, port, stripPrefix, true);
  }

  /**
   * This route with its prefix replaced by {@code /} before the request is passed on.
   *
   * @return a copy with {@code stripPrefix} set
   */
  public EdgeRoute withStrippedPrefix() {
    return new EdgeRoute(pathPrefix, upstream, host, port, true, rateLimited);
  }

  /** {@code host:port}, as written in the upstream block. */
  String address() {
    return host + ":" + port;
  }
}
