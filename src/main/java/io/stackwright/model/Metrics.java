package io.stackwright.model;

/**
 * Where a service exposes Prometheus metrics. Prometheus scrapes every service that has this, and
 * the network policy lets it in on exactly that port.
 *
 * @param portName name of one of the service's ports
 * @param path HTTP path of the metrics, starting with {@code /}
 */
public record Metrics(String portName, String path) {
  /**
   * Requires a port name and an absolute path.
   *
   * @param portName see {@link #portName()}
   * @param path see {@link #path()}
   */
  public Metrics {
    if (portName == null || portName.isEmpty()) {
      throw new IllegalArgumentException("metrics need a port name");
    }
    if (path == null || !path.matches("/[A-Za-z0-9._~/-]*")) {
      throw new IllegalArgumentException("metrics path must be an absolute URL path, got " + path);
    }
  }
}
