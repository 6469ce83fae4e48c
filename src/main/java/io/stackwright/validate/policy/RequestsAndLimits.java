package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every container says what it needs and what it may use: CPU and memory requests and limits on
 * Kubernetes (init containers too, as they are scheduled alike), reservations and limits in the
 * Compose file. Without a request the scheduler packs blindly; without a limit one service can
 * starve its neighbours.
 */
final class RequestsAndLimits implements PolicyRule {

  @Override
  public String id() {
    return "requests-and-limits";
  }

  @Override
  public String description() {
    return "Every container sets CPU and memory requests and limits (Compose: reservations and"
        + " limits).";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (PodTemplate pod : input.podTemplates()) {
      for (String list : List.of("initContainers", "containers")) {
        for (PodTemplate.Container container : pod.containers(list)) {
          for (String bound : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
              if (Nodes.isEmpty(Nodes.at(container.body(), "resources", bound, resource))) {
                violations.add(
                    Violation.of(
                        pod.owner(),
                        container.field("resources." + bound + "." + resource),
                        "container "
                            + container.name()
                            + " sets no "
                            + resource
                            + " "
                            + bound.substring(0, bound.length() - 1)
                            + "; set resources."
                            + bound
                            + "."
                            + resource));
              }
            }
          }
        }
      }
    }
    for (Map.Entry<String, Object> service : input.composeServices().entrySet()) {
      for (String bound : List.of("reservations", "limits")) {
        for (String resource : List.of("cpus", "memory")) {
          String field = "deploy.resources." + bound + "." + resource;
          if (Nodes.isEmpty(Nodes.at(service.getValue(), field.split("\\.")))) {
            violations.add(
                new Violation(
                    input.composeFile(),
                    "ComposeService/" + service.getKey(),
                    "services." + service.getKey() + "." + field,
                    "service " + service.getKey() + " sets no " + field + "; set it"));
          }
        }
      }
    }
    return violations;
  }
}
