package io.stackwright.config;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Memory;
import io.stackwright.model.Names;
import io.stackwright.model.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One entry of the edge's route table: requests whose path starts with {@code pathPrefix} go to a
 * service's host and port. As in nginx, the longest matching prefix wins, whatever the order.
 *
 * <p>Every value is checked here, before it is written into {@code nginx.conf}, so that no value
 * can add a directive to the file.
 *
 * @param pathPrefix {@code /}, or segments each followed by {@code /}, such as {@code /api/}: the
 *     trailing slash makes {@code /api/} match {@code /api/orders} but not {@code /apiary}. A
 *     prefix given without it ({@code /api}) gets it. Letters, digits and {@code . _ ~ -} in each
 *     segment; no {@code .} or {@code ..} segment; not {@value NginxConf#HEALTH_PATH}, which the
 *     edge answers itself.
 * @param host the service's DNS name, such as {@code backend}
 * @param port the service's port, 1 to 65535
 * @param stripPrefix whether the prefix is replaced by {@code /} before the request is passed on
 *     ({@code /api/orders} reaches the service as {@code /orders}); otherwise the path is passed
 *     unchanged
 * @param rateLimits per-client rate limits, all applied; each distinct rate is one {@code
 *     limit_req_zone}, shared by every route that uses it. Default: none.
 * @param clientMaxBodySize the largest request body this route accepts. Default ({@code null}): the
 *     edge's.
 * @param headers response headers added to this route's responses, besides the edge's security
 *     headers, by name. A name is letters, digits and {@code -}, not one the edge or nginx sets; a
 *     value is printable ASCII without {@code " \ $ { }}. Default: none.
 * @param readTimeout how long nginx waits between two reads of the service's response before it
 *     answers {@code 504}, 1 s to 1 h, in whole seconds. Default ({@code null}): nginx's 60 s.
 */
public record EdgeRoute(
    String pathPrefix,
    String host,
    int port,
    boolean stripPrefix,
    List<RateLimit> rateLimits,
    Memory clientMaxBodySize,
    Map<String, String> headers,
    Duration readTimeout) {

  private static final Pattern PATH_PREFIX = Pattern.compile("/([A-Za-z0-9._~-]+/)*");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  /** Headers nginx itself writes, or that describe the body: a second copy would contradict it. */
  private static final Set<String> NGINX_HEADERS =
      Set.of(
          "connection",
          "content-encoding",
          "content-length",
          "content-type",
          "date",
          "keep-alive",
          "location",
          "server",
          "transfer-encoding",
          "vary");

  /**
   * Checks every value that is written into the configuration.
   *
   * @param pathPrefix see {@link #pathPrefix()}
   * @param host see {@link #host()}
   * @param port see {@link #port()}
   * @param stripPrefix see {@link #stripPrefix()}
   * @param rateLimits see {@link #rateLimits()}
   * @param clientMaxBodySize see {@link #clientMaxBodySize()}
   * @param headers see {@link #headers()}
   * @param readTimeout see {@link #readTimeout()}
   */
  public EdgeRoute {
    String given = pathPrefix;
    if (pathPrefix != null && !pathPrefix.isEmpty() && !pathPrefix.endsWith("/")) {
      pathPrefix = pathPrefix + "/";
    }
    if (pathPrefix == null
        || !PATH_PREFIX.matcher(pathPrefix).matches()
        || pathPrefix.contains("/./")
        || pathPrefix.contains("/../")) {
      throw new InvalidPropException(
          "pathPrefix",
          "\"" + given + "\" is not a path prefix",
          "write / or segments such as /api or /api/v1/, with letters, digits and . _ ~ -");
    }
    if (pathPrefix.equals(NginxConf.HEALTH_PATH + "/")) {
      throw new InvalidPropException(
          "pathPrefix",
          "\"" + given + "\" is the edge's own health check, which it answers itself",
          "route another path");
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
    rateLimits = List.copyOf(Objects.requireNonNull(rateLimits, "rateLimits"));
    Set<String> rates = new HashSet<>();
    for (RateLimit limit : rateLimits) {
      if (!rates.add(limit.rate())) {
        throw new InvalidPropException(
            "rateLimits",
            "the route " + pathPrefix + " has two rate limits of " + limit.rate(),
            "give each rate once, with the larger burst");
      }
    }
    headers = checkHeaders(pathPrefix, Objects.requireNonNull(headers, "headers"));
    if (readTimeout != null
        && (readTimeout.getNano() != 0
            || readTimeout.getSeconds() < 1
            || readTimeout.getSeconds() > 3600)) {
      throw new InvalidPropException(
          "readTimeout",
          "the read timeout of "
              + pathPrefix
              + " must be 1 to 3600 whole seconds, got "
              + readTimeout,
          "such as Duration.ofSeconds(120)");
    }
  }

  /**
   * A route that passes the path on unchanged, with no limits or headers of its own.
   *
   * @param pathPrefix the path prefix, such as {@code /}
   * @param host the service's DNS name
   * @param port the service's port
   * @return the route
   */
  public static EdgeRoute to(String pathPrefix, String host, int port) {
    return new EdgeRoute(pathPrefix, host, port, false, List.of(), null, Map.of(), null);
  }

  /**
   * This route with one more rate limit.
   *
   * @param limit the limit
   * @return a copy with the limit added
   */
  public EdgeRoute withRateLimit(RateLimit limit) {
    List<RateLimit> limits = new ArrayList<>(rateLimits);
    limits.add(limit);
    return new EdgeRoute(
        pathPrefix, host, port, stripPrefix, limits, clientMaxBodySize, headers, readTimeout);
  }

  /**
   * This route with its prefix replaced by {@code /} before the request is passed on.
   *
   * @return a copy with {@code stripPrefix} set
   */
  public EdgeRoute withStrippedPrefix() {
    return new EdgeRoute(
        pathPrefix, host, port, true, rateLimits, clientMaxBodySize, headers, readTimeout);
  }

  /** {@code host:port}, as written in the upstream block. */
  String address() {
    return host + ":" + port;
  }

  private static Map<String, String> checkHeaders(String path, Map<String, String> headers) {
    Map<String, String> sorted = new TreeMap<>();
    Set<String> names = new HashSet<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      if (name == null || !HEADER_NAME.matcher(name).matches()) {
        throw new InvalidPropException(
            "headers",
            "\"" + name + "\" is not a header name",
            "use letters, digits and '-', such as Cache-Control");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (NginxConf.EDGE_HEADERS.stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
        throw new InvalidPropException(
            "headers",
            "the edge sends " + name + " on every response; " + path + " cannot send its own",
            "set the edge's policy instead (contentSecurityPolicy), or use another header");
      }
      if (NGINX_HEADERS.contains(lower)) {
        throw new InvalidPropException(
            "headers",
            "nginx or the service sets " + name + "; a second copy would contradict it",
            "leave " + name + " to them");
      }
      if (!names.add(lower)) {
        throw new InvalidPropException(
            "headers",
            "the route " + path + " sets the header " + name + " twice",
            "header names are case-insensitive: give each once");
      }
      if (!EdgeSettings.isLiteralHeaderValue(header.getValue())) {
        throw new InvalidPropException(
            "headers",
            "the value of "
                + name
                + " is empty or contains a character nginx would not take literally",
            "write one line of printable ASCII without \" \\ $ { }");
      }
      sorted.put(name, header.getValue());
    }
    return Collections.unmodifiableMap(sorted);
  }
}
