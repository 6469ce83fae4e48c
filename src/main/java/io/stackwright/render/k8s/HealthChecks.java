package io.stackwright.render.k8s;

import io.stackwright.model.Probe.Exec;
import io.stackwright.model.Probe.HttpGet;
import io.stackwright.model.ServiceModel;
import java.util.List;
import org.cdk8s.Duration;
import org.cdk8s.plus33.CommandProbeOptions;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.HttpGetProbeOptions;
import org.cdk8s.plus33.Probe;

/**
 * Readiness, liveness and startup probes on every service's container: the startup probe repeats
 * the readiness check until the service's start-up time has passed, so that a slow start is not
 * taken for a dead container. The twin of the policy rule {@code probes}, which checks every
 * container has them.
 */
final class HealthChecks {
  private HealthChecks() {}

  /** Applies the probes of {@code service} to its container. */
  static void apply(ServiceModel service, ContainerProps.Builder container) {
    container
        .readiness(probe(service.readiness(), 0))
        .liveness(probe(service.liveness(), 0))
        .startup(startupProbe(service));
  }

  /** The readiness check, repeated until {@code startupSeconds} have passed. */
  private static Probe startupProbe(ServiceModel service) {
    io.stackwright.model.Probe readiness = service.readiness();
    int attempts =
        Math.max(
            1,
            (service.startupSeconds() + readiness.periodSeconds() - 1) / readiness.periodSeconds());
    return probe(readiness, attempts);
  }

  /** {@code probe}, failing after {@code failureThreshold} attempts, or its own when that is 0. */
  private static Probe probe(io.stackwright.model.Probe probe, int failureThreshold) {
    int threshold = failureThreshold > 0 ? failureThreshold : probe.failureThreshold();
    return JsiiValues.probe(List.of(probe, threshold), key -> newProbe(probe, threshold));
  }

  private static Probe newProbe(io.stackwright.model.Probe probe, int threshold) {
    Duration period = JsiiValues.seconds(probe.periodSeconds());
    Duration timeout = JsiiValues.seconds(probe.timeoutSeconds());
    if (probe.check() instanceof HttpGet http) {
      return Probe.fromHttpGet(
          http.path(),
          HttpGetProbeOptions.builder()
              .port(http.port())
              .periodSeconds(period)
              .timeoutSeconds(timeout)
              .failureThreshold(threshold)
              .build());
    }
    Exec exec = (Exec) probe.check();
    return Probe.fromCommand(
        exec.command(),
        CommandProbeOptions.builder()
            .periodSeconds(period)
            .timeoutSeconds(timeout)
            .failureThreshold(threshold)
            .build());
  }
}
