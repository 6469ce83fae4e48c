package io.stackwright.services;

import io.stackwright.model.Endpoint;
import io.stackwright.stack.Stack;

/**
 * The shop's backend HTTP API: an {@link HttpService} with the {@link HttpFramework#GENERIC} paths
 * that uses a PostgreSQL and a Redis. Stateless, so a Deployment on Kubernetes; its database
 * settings come from a typed reference to {@link Postgres}, never from strings written twice. A
 * service that needs no Redis, another framework's paths or secrets of its own is an {@link
 * HttpService} of its own.
 *
 * <p>Environment it receives: {@code HTTP_PORT}, {@code LOG_LEVEL}, {@code METRICS_PATH}, {@code
 * DB_HOST}, {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER}, {@code DB_PASSWORD_FILE}, {@code
 * REDIS_HOST}, {@code REDIS_PORT} and {@code REDIS_PASSWORD_FILE}; each {@code *_FILE} is the path
 * of a file holding that password.
 */
public final class Backend {
  /** The service name. */
  public static final String NAME = "backend";

  /** The port the API listens on. */
  public static final int HTTP_PORT = HttpFramework.DEFAULT_PORT;

  /** Liveness endpoint: answers while the process is not stuck. */
  public static final String LIVE_PATH = "/health/live";

  /** Prometheus metrics, on the HTTP port. */
  public static final String METRICS_PATH = "/metrics";

  /** Readiness endpoint: answers when the API can serve requests (its database is reachable). */
  public static final String READY_PATH = "/health/ready";

  private final HttpService service;

  /**
   * Adds the backend to the stack as the service {@code backend}.
   *
   * @param stack the stack
   * @param props the environment's settings
   * @param postgres the database it uses. Required.
   * @param redis the cache it uses. Required: a service without one is an {@link HttpService}.
   * @throws IllegalArgumentException when {@code postgres} or {@code redis} is null
   * @throws io.stackwright.env.InvalidPropException when {@code props} is {@code null}, at the key
   *     {@code backend}: an environment file without that section
   */
  public Backend(Stack stack, BackendProps props, Postgres postgres, Redis redis) {
    Range.section(NAME, props, BackendProps.class, "its image");
    if (postgres == null || redis == null) {
      throw new IllegalArgumentException(
          "Backend uses a PostgreSQL and a Redis, got "
              + (postgres == null ? "no PostgreSQL" : "a PostgreSQL")
              + " and "
              + (redis == null ? "no Redis" : "a Redis")
              + "; for an HTTP service with other dependencies, use"
              + " HttpService.builder(name).uses(...)");
    }
    this.service =
        HttpService.builder(NAME)
            .props(props.toHttpService())
            .madeFrom(props)
            .framework(HttpFramework.GENERIC)
            .port(HTTP_PORT)
            .livenessPath(LIVE_PATH)
            .readinessPath(READY_PATH)
            .metricsPath(METRICS_PATH)
            .uses(postgres)
            .uses(redis)
            .startupSeconds(60)
            .addTo(stack);
  }

  /** {@return where the edge sends API requests} */
  public Endpoint endpoint() {
    return service.endpoint();
  }
}
