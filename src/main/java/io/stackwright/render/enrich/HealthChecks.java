package io.stackwright.render.enrich;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.Probe;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.compose.HealthCheck;
import io.stackwright.render.k8s.PodValues;
import io.stackwright.render.k8s.WorkloadParts;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.Duration;
import org.cdk8s.plus33.CommandProbeOptions;
import org.cdk8s.plus33.HttpGetProbeOptions;

/**
 * Every service says when it is ready and when it is alive, from the model's probes, and what
 * depends on a service waits until it is ready.
 *
 * <p>Kubernetes: readiness, liveness and startup probes on the container; the startup probe repeats
 * the readiness check until the service's start-up time has passed, so that a slow start is not
 * taken for a dead container. Compose: the readiness probe as the health check, and each {@code
 * depends_on} waits for it ({@code service_healthy}). A service whose image cannot run the check
 * ({@link ComposeHealthCheck.Prober}) has its own check turned off; its prober runs it from beside
 * it, and what depends on the service waits for the prober.
 *
 * <p>Twin: rule {@code probes}, which checks every long-running container has readiness and
 * liveness probes, and every Compose service a health check, its own or its prober's.
 */
final class HealthChecks implements Enricher {
  private static final String STARTED = "service_started";
  private static final String HEALTHY = "service_healthy";

  @Override
  public String rule() {
    return "probes";
  }

  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {
    if (service.composeProber() == null) {
      out.healthcheck(healthcheck(service, "127.0.0.1"));
    } else {
      // Its prober tests it; a test in its own container would never pass (no wget there).
      out.healthcheck(HealthCheck.disabled());
    }
    for (String dependency : service.dependsOn()) {
      String prober = stack.service(dependency).composeProber();
      // restart: a client that resolved its dependency's address at start (nginx does) is
      // restarted with it when Compose recreates the dependency.
      if (prober == null) {
        out.dependsOn(dependency, new ComposeService.DependsOn(HEALTHY, true));
      } else {
        out.dependsOn(dependency, new ComposeService.DependsOn(STARTED, true));
        out.dependsOn(prober, new ComposeService.DependsOn(HEALTHY, null));
      }
    }
  }

  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {
    prober.healthcheck(healthcheck(service, service.name()));
    prober.dependsOn(service.name(), new ComposeService.DependsOn(STARTED, null));
  }

  /**
   * The readiness check, which is what {@code depends_on: service_healthy} waits for. An HTTP check
   * runs {@code wget} of {@code host}, as Compose has no HTTP check of its own: {@code 127.0.0.1}
   * inside the container, or the service's name from its prober.
   */
  private static HealthCheck healthcheck(ServiceModel service, String host) {
    Probe probe = service.readiness();
    List<String> test = new ArrayList<>();
    test.add("CMD");
    if (probe.check() instanceof Probe.HttpGet http) {
      test.addAll(
          List.of(
              "wget", "-q", "-O", "/dev/null", "http://" + host + ":" + http.port() + http.path()));
    } else {
      test.addAll(((Probe.Exec) probe.check()).command());
    }
    return new HealthCheck(
        test,
        probe.periodSeconds() + "s",
        probe.timeoutSeconds() + "s",
        probe.failureThreshold(),
        service.startupSeconds() + "s",
        null);
  }

  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    PodValues values = out.values();
    out.container()
        .readiness(probe(service.readiness(), 0, values))
        .liveness(probe(service.liveness(), 0, values))
        .startup(startupProbe(service, values));
  }

  /** Nothing: a job runs to completion, and its deadline stops one that hangs. */
  @Override
  public void enrichJob(
      StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {}

  /** The readiness check, repeated until {@code startupSeconds} have passed. */
  private static org.cdk8s.plus33.Probe startupProbe(ServiceModel service, PodValues values) {
    Probe readiness = service.readiness();
    int attempts =
        Math.max(
            1,
            (service.startupSeconds() + readiness.periodSeconds() - 1) / readiness.periodSeconds());
    return probe(readiness, attempts, values);
  }

  /** {@code probe}, failing after {@code failureThreshold} attempts, or its own when that is 0. */
  private static org.cdk8s.plus33.Probe probe(Probe probe, int failureThreshold, PodValues values) {
    int threshold = failureThreshold > 0 ? failureThreshold : probe.failureThreshold();
    return values.shared(
        org.cdk8s.plus33.Probe.class,
        "probe",
        List.of(probe, threshold),
        () -> make(probe, threshold, values));
  }

  private static org.cdk8s.plus33.Probe make(Probe probe, int threshold, PodValues values) {
    Duration period = values.seconds(probe.periodSeconds());
    Duration timeout = values.seconds(probe.timeoutSeconds());
    if (probe.check() instanceof Probe.HttpGet http) {
      return org.cdk8s.plus33.Probe.fromHttpGet(
          http.path(),
          HttpGetProbeOptions.builder()
              .port(http.port())
              .periodSeconds(period)
              .timeoutSeconds(timeout)
              .failureThreshold(threshold)
              .build());
    }
    Probe.Exec exec = (Probe.Exec) probe.check();
    return org.cdk8s.plus33.Probe.fromCommand(
        exec.command(),
        CommandProbeOptions.builder()
            .periodSeconds(period)
            .timeoutSeconds(timeout)
            .failureThreshold(threshold)
            .build());
  }
}
