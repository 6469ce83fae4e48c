package io.stackwright.services;

import io.stackwright.config.EdgeRoute;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Endpoint;
import io.stackwright.model.Memory;
import io.stackwright.model.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One route of the edge's table ({@link Nginx#Nginx(io.stackwright.stack.Stack, NginxProps,
 * List)}): requests whose path starts with {@link #path()} go to {@link #endpoint()}, any service's
 * port. As in nginx, the longest matching prefix wins, whatever the order of the table; a route
 * does not inherit the limits of a shorter prefix that contains it, so give a nested route every
 * limit that should apply to it. Every value is checked as the route is built, against what nginx
 * takes literally.
 *
 * <pre>{@code
 * NginxRoute.to(api.endpoint())
 *     .path("/api/v1/auth")
 *     .rateLimit(RateLimit.perSecond(10, 20))
 *     .rateLimit(RateLimit.perMinute(5, 0))
 *     .maxBodySize(Memory.mebibytes(1))
 *     .header("Cache-Control", "no-store")
 *     .build();
 * }</pre>
 *
 * @param endpoint where the requests go: any service's {@code endpoint()}; the edge depends on it,
 *     so the network policies let the edge reach it and Compose starts the edge after it. Required.
 * @param path the path prefix: {@code /}, or segments such as {@code /api} or {@code /api/v1/}
 *     (stored with a trailing {@code /}, so that {@code /api} matches {@code /api/orders} but not
 *     {@code /apiary}; {@code /api} itself is redirected to {@code /api/}). Letters, digits and
 *     {@code . _ ~ -} in each segment; not {@code /healthz}, which the edge answers. Default:
 *     {@code /}.
 * @param stripPrefix whether the prefix is replaced by {@code /} before the request is passed on
 *     ({@code /api/orders} reaches the service as {@code /orders}). Default: {@code false}, the
 *     path is passed unchanged.
 * @param rateLimits per-client rate limits, all applied to each request. Default: none.
 * @param maxBodySize the largest request body this route accepts ({@code 413} above it). Default
 *     ({@code null}): the edge's, {@link NginxProps#maxBodySize()}.
 * @param headers response headers this route adds to the edge's security headers, by name (sorted
 *     in the file). A name is letters, digits and {@code -}, neither one the edge sends ({@code
 *     Content-Security-Policy}, {@code X-Frame-Options}, ...) nor one nginx sets ({@code
 *     Content-Type}, ...); a value is one line of printable ASCII without {@code " \ $ { }}. The
 *     service's own copy of each is dropped, so each is sent once. Default: none.
 * @param readTimeout how long the edge waits between two reads of the service's response before it
 *     answers {@code 504}, 1 s to 1 h in whole seconds. Default ({@code null}): nginx's 60 s.
 */
public record NginxRoute(
    Endpoint endpoint,
    String path,
    boolean stripPrefix,
    List<RateLimit> rateLimits,
    Memory maxBodySize,
    Map<String, String> headers,
    Duration readTimeout) {

  /**
   * Checks every value, as the edge's {@code nginx.conf} will hold it.
   *
   * @param endpoint see {@link #endpoint()}
   * @param path see {@link #path()}
   * @param stripPrefix see {@link #stripPrefix()}
   * @param rateLimits see {@link #rateLimits()}
   * @param maxBodySize see {@link #maxBodySize()}
   * @param headers see {@link #headers()}
   * @param readTimeout see {@link #readTimeout()}
   * @throws io.stackwright.env.InvalidPropException for a value nginx would not take literally, or
   *     out of range, naming it
   */
  public NginxRoute {
    Objects.requireNonNull(endpoint, "endpoint");
    EdgeRoute checked =
        new EdgeRoute(
            path == null ? "/" : path,
            endpoint.service(),
            endpoint.port(),
            stripPrefix,
            rateLimits == null ? List.of() : rateLimits,
            maxBodySize,
            headers == null ? Map.of() : headers,
            readTimeout);
    path = checked.pathPrefix();
    rateLimits = checked.rateLimits();
    headers = checked.headers();
  }

  /**
   * Starts a route to a service.
   *
   * @param endpoint where the requests go, such as {@code api.endpoint()}
   * @return a builder for the route {@code /} to it, with no limits or headers of its own
   */
  public static Builder to(Endpoint endpoint) {
    return new Builder(endpoint);
  }

  /** {@return the route as the edge's configuration is generated from it} */
  EdgeRoute toEdgeRoute() {
    return new EdgeRoute(
        path,
        endpoint.service(),
        endpoint.port(),
        stripPrefix,
        rateLimits,
        maxBodySize,
        headers,
        readTimeout);
  }

  /** Builds a {@link NginxRoute}; each setter's default is that of the record's component. */
  public static final class Builder {
    private final Endpoint endpoint;
    private String path = "/";
    private boolean stripPrefix;
    private final List<RateLimit> rateLimits = new ArrayList<>();
    private Memory maxBodySize;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration readTimeout;

    private Builder(Endpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * The path prefix. Default: {@code /}.
     *
     * @param path such as {@code /api} or {@code /api/v1/auth/}
     * @return this builder
     */
    public Builder path(String path) {
      this.path = path;
      return this;
    }

    /**
     * Replaces the prefix by {@code /} before the request is passed on. Default: the path is passed
     * unchanged.
     *
     * @return this builder
     */
    public Builder stripPrefix() {
      this.stripPrefix = true;
      return this;
    }

    /**
     * Adds a per-client rate limit; every limit added applies. Default: none.
     *
     * @param limit such as {@code RateLimit.perSecond(10, 20)}
     * @return this builder
     */
    public Builder rateLimit(RateLimit limit) {
      rateLimits.add(Objects.requireNonNull(limit, "limit"));
      return this;
    }

    /**
     * The largest request body this route accepts. Default: the edge's.
     *
     * @param size such as {@code Memory.mebibytes(50)}
     * @return this builder
     */
    public Builder maxBodySize(Memory size) {
      this.maxBodySize = size;
      return this;
    }

    /**
     * Adds a response header. Default: none beyond the edge's security headers.
     *
     * @param name such as {@code Cache-Control}
     * @param value such as {@code no-store}
     * @return this builder
     * @throws InvalidPropException when the header is already set
     */
    public Builder header(String name, String value) {
      if (headers.containsKey(name)) {
        throw new InvalidPropException(
            "headers", "the header " + name + " is set twice", "give each header once");
      }
      headers.put(name, value);
      return this;
    }

    /**
     * How long the edge waits between two reads of the service's response. Default: nginx's 60 s.
     *
     * @param timeout 1 s to 1 h, whole seconds
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    /**
     * Checks the route and returns it.
     *
     * @return the route
     * @throws io.stackwright.env.InvalidPropException for a value nginx would not take literally,
     *     or out of range, naming it
     */
    public NginxRoute build() {
      return new NginxRoute(
          endpoint, path, stripPrefix, rateLimits, maxBodySize, headers, readTimeout);
    }
  }
}
