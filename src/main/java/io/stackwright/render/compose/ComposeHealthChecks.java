package io.stackwright.render.compose;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.Probe;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives every Compose service its readiness probe as a health check, and makes each service start
 * only once what it depends on is healthy, which rule {@code probes} checks on the pods. A service
 * whose image cannot run the check ({@link ComposeHealthCheck.Prober}) has its check turned off;
 * its prober runs it from beside it, and what depends on the service waits for the prober.
 */
final class ComposeHealthChecks implements ComposeEnricher {
  private static final String STARTED = "service_started";
  private static final String HEALTHY = "service_healthy";

  private final StackModel stack;

  ComposeHealthChecks(StackModel stack) {
    this.stack = stack;
  }

  @Override
  public String rule() {
    return "probes";
  }

  @Override
  public void enrich(ServiceModel service, ComposeService.Builder out) {
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
  public void enrichProber(ServiceModel service, ComposeService.Builder prober) {
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
}
