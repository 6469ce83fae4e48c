package io.stackwright.services;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a framework serves its health and metrics endpoints, and the environment variables it reads
 * for its port and log level: the defaults an {@link HttpService} starts from. Each path can still
 * be overridden on the builder.
 */
public enum HttpFramework {
  /**
   * Any HTTP server that follows the conventions of the shop's {@link Backend}: liveness {@code
   * /health/live}, readiness {@code /health/ready}, Prometheus metrics {@code /metrics}; it
   * receives {@code HTTP_PORT}, {@code LOG_LEVEL} (lower case) and, when it has metrics, {@code
   * METRICS_PATH}.
   */
  GENERIC("/health/live", "/health/ready", "/metrics"),

  /**
   * Spring Boot with Actuator: liveness {@code /actuator/health/liveness}, readiness {@code
   * /actuator/health/readiness}, metrics {@code /actuator/prometheus} (the image needs {@code
   * micrometer-registry-prometheus} for it). It receives {@code SERVER_PORT}, {@code
   * LOGGING_LEVEL_ROOT}, {@code MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true} (Actuator serves
   * the two probe groups by itself only when it detects Kubernetes, so Compose needs it too),
   * {@code MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE} ({@code health}, plus {@code prometheus} when
   * it has metrics) and, when it reads secrets, {@code
   * SPRING_CONFIG_IMPORT=optional:configtree:/run/secrets/}, which makes each secret file a
   * property named by the file's name (see {@link HttpService}).
   */
  SPRING_BOOT("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus"),

  /**
   * Quarkus with SmallRye Health and Micrometer's Prometheus registry: liveness {@code
   * /q/health/live}, readiness {@code /q/health/ready}, metrics {@code /q/metrics}. It receives
   * {@code QUARKUS_HTTP_PORT} and {@code QUARKUS_LOG_LEVEL}.
   */
  QUARKUS("/q/health/live", "/q/health/ready", "/q/metrics");

  /** The port each framework listens on by default, and an {@link HttpService}'s default. */
  public static final int DEFAULT_PORT = 8080;

  private final String livenessPath;
  private final String readinessPath;
  private final String metricsPath;

  HttpFramework(String livenessPath, String readinessPath, String metricsPath) {
    this.livenessPath = livenessPath;
    this.readinessPath = readinessPath;
    this.metricsPath = metricsPath;
  }

  /** {@return the path that answers while the process is not stuck} */
  public String livenessPath() {
    return livenessPath;
  }

  /** {@return the path that answers when the service can take requests} */
  public String readinessPath() {
    return readinessPath;
  }

  /** {@return the path of its Prometheus metrics} */
  public String metricsPath() {
    return metricsPath;
  }

  /**
   * The variables that tell the application its port, log level and endpoints.
   *
   * @param port the port it must listen on
   * @param logLevel its log level
   * @param metricsPath where it serves metrics, or {@code null} when it has none
   * @param readsSecrets whether it mounts secret files
   */
  Map<String, String> environment(
      int port, LogLevel logLevel, String metricsPath, boolean readsSecrets) {
    Map<String, String> env = new TreeMap<>();
    String level = logLevel.name();
    switch (this) {
      case GENERIC -> {
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("LOG_LEVEL", level.toLowerCase(Locale.ROOT));
        if (metricsPath != null) {
          env.put("METRICS_PATH", metricsPath);
        }
      }
      case SPRING_BOOT -> {
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("LOGGING_LEVEL_ROOT", level);
        env.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
        env.put(
            "MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE",
            metricsPath != null ? "health,prometheus" : "health");
        if (readsSecrets) {
          env.put("SPRING_CONFIG_IMPORT", "optional:configtree:" + SECRETS_DIR);
        }
      }
      case QUARKUS -> {
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_LOG_LEVEL", level);
      }
      default -> throw new IllegalStateException("unhandled framework " + this);
    }
    return env;
  }

  /** Where every secret file is mounted (see {@link io.stackwright.model.SecretFile#path()}). */
  static final String SECRETS_DIR = "/run/secrets/";
}
