package io.stackwright.services;

import io.stackwright.model.Probe;
import java.util.regex.Pattern;

/**
 * How an {@link HttpService} is probed and scraped: the paths of its probes and metrics, which are
 * its framework's presets ({@link HttpFramework#livenessPath()} and its siblings) until one is
 * given, the probes' timing, and how long it may take to start. Each value is checked as it is
 * given.
 */
final class HttpProbes {
  /** Seconds between two probes; a probe times out after 3 s, and 3 failures in a row count. */
  private static final int PROBE_PERIOD = 10;

  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

  private final String service;
  private String liveness;
  private String readiness;
  private String metrics;
  private boolean scraped = true;
  private int startupSeconds = 60;

  HttpProbes(String service) {
    this.service = service;
  }

  void liveness(String path) {
    liveness = checked("liveness", path);
  }

  void readiness(String path) {
    readiness = checked("readiness", path);
  }

  void metrics(String path) {
    metrics = checked("metrics", path);
    scraped = true;
  }

  void noMetrics() {
    metrics = null;
    scraped = false;
  }

  void startupSeconds(int seconds) {
    if (seconds < PROBE_PERIOD) {
      throw new IllegalArgumentException(
          "HttpService "
              + service
              + ": startupSeconds must cover one readiness period ("
              + PROBE_PERIOD
              + " s), got "
              + seconds);
    }
    startupSeconds = seconds;
  }

  int startupSeconds() {
    return startupSeconds;
  }

  /** {@return the liveness probe of the port, on the given path or the framework's} */
  Probe livenessProbe(HttpFramework framework, int port) {
    return probe(liveness != null ? liveness : framework.livenessPath(), port);
  }

  /** {@return the readiness probe of the port, on the given path or the framework's} */
  Probe readinessProbe(HttpFramework framework, int port) {
    return probe(readiness != null ? readiness : framework.readinessPath(), port);
  }

  /** {@return the metrics path given or the framework's, or {@code null} for no metrics} */
  String metricsPath(HttpFramework framework) {
    return !scraped ? null : metrics != null ? metrics : framework.metricsPath();
  }

  private static Probe probe(String path, int port) {
    return new Probe(new Probe.HttpGet(path, port), PROBE_PERIOD, 3, 3);
  }

  private String checked(String what, String path) {
    if (path == null || !PATH.matcher(path).matches()) {
      throw new IllegalArgumentException(
          "HttpService "
              + service
              + ": the "
              + what
              + " path must be an absolute URL path of letters, digits and . _ ~ / -, such as"
              + " /health/ready; got "
              + (path == null ? "null" : "\"" + path + "\""));
    }
    return path;
  }
}
