package io.stackwright.services;

import io.stackwright.model.Endpoint;
import io.stackwright.model.Probe;
import io.stackwright.stack.Stack;
import java.util.Locale;

/**
 * The backend HTTP API. Stateless, so a Deployment on Kubernetes; its database settings come from a
 * typed reference to {@link Postgres}, never from strings written twice.
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
  public static final int HTTP_PORT = 8080;

  /** Liveness endpoint: answers while the process is not stuck. */
  public static final String LIVE_PATH = "/health/live";

  /** Prometheus metrics, on the HTTP port. */
  public static final String METRICS_PATH = "/metrics";

  /** Readiness endpoint: answers when the API can serve requests (its database is reachable). */
  public static final String READY_PATH = "/health/ready";

  /**
   * Adds the backend to the stack as the service {@code backend}.
   *
   * @param stack the stack
   * @param props the environment's settings
   * @param postgres the database it uses
   * @param redis the cache it uses
   */
  public Backend(Stack stack, BackendProps props, Postgres postgres, Redis redis) {
    Endpoint db = postgres.endpoint();
    Endpoint cache = redis.endpoint();
    GenericService.builder(NAME)
        .component("api")
        .image(props.image())
        .replicas(props.replicas())
        .port("http", HTTP_PORT)
        .env("HTTP_PORT", Integer.toString(HTTP_PORT))
        .env("LOG_LEVEL", props.logLevel().name().toLowerCase(Locale.ROOT))
        .env("DB_HOST", db.host())
        .env("DB_PORT", db.portValue())
        .env("DB_NAME", postgres.database())
        .env("DB_USER", postgres.user())
        .secret(postgres.password(), "DB_PASSWORD_FILE")
        .env("REDIS_HOST", cache.host())
        .env("REDIS_PORT", cache.portValue())
        .secret(redis.password(), "REDIS_PASSWORD_FILE")
        .env("METRICS_PATH", METRICS_PATH)
        .metrics("http", METRICS_PATH)
        .dependsOn(db)
        .dependsOn(cache)
        .writable("/tmp")
        .readiness(new Probe(new Probe.HttpGet(READY_PATH, HTTP_PORT), 10, 3, 3))
        .liveness(new Probe(new Probe.HttpGet(LIVE_PATH, HTTP_PORT), 10, 3, 3))
        .startupSeconds(60)
        .resources(props.effectiveResources())
        .runAs(props.runAsUser(), props.runAsUser())
        .autoscaling(props.autoscaling() == null ? null : props.autoscaling().toAutoscaling())
        .addTo(stack);
  }

  /** {@return where the edge sends API requests} */
  public Endpoint endpoint() {
    return new Endpoint(NAME, HTTP_PORT);
  }
}
