package io.stackwright.config;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Names;
import java.util.regex.Pattern;

/**
 * A service whose metrics Prometheus scrapes; see {@link PrometheusConf}.
 *
 * @param job the Prometheus job name, a DNS label other than {@value PrometheusConf#SELF_JOB}
 * @param service the service's name: the host name in Compose, the Service's name in Kubernetes
 * @param port the port serving metrics, scraped directly in Compose
 * @param portName the name of that port in the Kubernetes Service, which selects it among the
 *     Service's ports
 * @param metricsPath the HTTP path of the metrics, such as {@code /metrics}
 */
public record ScrapeTarget(
    String job, String service, int port, String portName, String metricsPath) {

  // Kubernetes's IANA_SVC_NAME: at most 15 characters, at least one letter, no "--".
  private static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?");
  private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

  /**
   * Checks every value that is written into the configuration.
   *
   * @param job see {@link #job()}
   * @param service see {@link #service()}
   * @param port see {@link #port()}
   * @param portName see {@link #portName()}
   * @param metricsPath see {@link #metricsPath()}
   */
  public ScrapeTarget {
    if (!Names.isDnsLabel(job) || job.equals(PrometheusConf.SELF_JOB)) {
      throw new InvalidPropException(
          "job",
          "\"" + job + "\" is not a valid job name",
          "use a DNS label other than " + PrometheusConf.SELF_JOB);
    }
    if (!Names.isDnsLabel(service)) {
      throw new InvalidPropException(
          "service",
          "\"" + service + "\" is not a valid service name",
          "use a DNS label: lower-case letters, digits and '-', starting with a letter");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidPropException(
          "port", "port must be between 1 and 65535, got " + port, "use the metrics port");
    }
    if (portName == null
        || !PORT_NAME.matcher(portName).matches()
        || portName.contains("--")
        || portName.chars().noneMatch(Character::isLetter)) {
      throw new InvalidPropException(
          "portName",
          "\"" + portName + "\" is not a valid port name",
          "use at most 15 lower-case letters, digits and '-', with at least one letter");
    }
    if (metricsPath == null || !PATH.matcher(metricsPath).matches()) {
      throw new InvalidPropException(
          "metricsPath",
          "\"" + metricsPath + "\" is not a plain absolute path",
          "write a path such as /metrics, with letters, digits and / . _ ~ -");
    }
  }

  /** {@code service:port}, the Compose target. */
  String address() {
    return service + ":" + port;
  }
}
