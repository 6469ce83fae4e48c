package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every long-running container says when it is ready and when it is alive: a readiness and a
 * liveness probe on Kubernetes (the containers of Deployments, StatefulSets, DaemonSets,
 * ReplicaSets and restarting Pods; not Jobs, which run to completion, nor init containers), and an
 * enabled health check for every Compose service, its own or that of a prober beside it (a service
 * labelled {@code stackwright.io/readiness-of: <service>}, for an image that cannot test itself).
 * Without readiness, traffic reaches a pod that cannot serve it; without liveness, a hung process
 * is never restarted.
 */
final class Probes implements PolicyRule {

  @Override
  public String id() {
    return "probes";
  }

  @Override
  public String description() {
    return "Every long-running container has readiness and liveness probes (Compose: a health"
        + " check).";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (PodTemplate pod : input.podTemplates()) {
      if (!pod.owner().isLongRunning()) {
        continue;
      }
      for (PodTemplate.Container container : pod.containers("containers")) {
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
          if (Nodes.isEmpty(Nodes.at(container.body(), probe))) {
            violations.add(
                Violation.of(
                    pod.owner(),
                    container.field(probe),
                    "container "
                        + container.name()
                        + " has no "
                        + probe
                        + "; add one that checks what the service needs to "
                        + (probe.equals("readinessProbe") ? "serve requests" : "make progress")));
          }
        }
      }
    }
    Map<String, List<String>> probers = ComposeProbers.byTarget(input.composeServices());
    for (Map.Entry<String, Object> service : input.composeServices().entrySet()) {
      boolean probed =
          probers.getOrDefault(service.getKey(), List.of()).stream()
              .anyMatch(prober -> ComposeProbers.checksHealth(input.composeServices().get(prober)));
      if (!ComposeProbers.checksHealth(service.getValue()) && !probed) {
        violations.add(
            new Violation(
                input.composeFile(),
                "ComposeService/" + service.getKey(),
                "services." + service.getKey() + ".healthcheck",
                "service "
                    + service.getKey()
                    + " has no health check; add healthcheck.test so that dependents wait for it"));
      }
    }
    return violations;
  }
}
