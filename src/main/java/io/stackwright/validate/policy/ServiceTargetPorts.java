package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every port of a Service reaches a port a selected container declares: a numeric {@code
 * targetPort} (or, when unset, the {@code port}) equals a {@code containerPort}, a named one is the
 * name of a container port. A Service that selects nothing is reported by {@link
 * ServiceSelectsPods} instead.
 */
final class ServiceTargetPorts implements PolicyRule {

  @Override
  public String id() {
    return "service-target-ports";
  }

  @Override
  public String description() {
    return "Every Service targetPort is a port that a container it selects declares.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (KubeObject service : input.ofKind("Service")) {
      List<PodTemplate> pods = ServiceSelectsPods.selectedPods(input, service);
      if (Nodes.map(service.body(), "spec", "selector").isEmpty() || pods.isEmpty()) {
        continue;
      }
      List<Map<String, Object>> declared = new ArrayList<>();
      for (PodTemplate pod : pods) {
        for (PodTemplate.Container container : pod.containers("containers")) {
          Nodes.list(container.body(), "ports").forEach(port -> declared.add(Nodes.map(port)));
        }
        // A sidecar (an init container that keeps running) serves ports like any container.
        for (PodTemplate.Container container : pod.containers("initContainers")) {
          if ("Always".equals(Nodes.text(container.body(), "restartPolicy"))) {
            Nodes.list(container.body(), "ports").forEach(port -> declared.add(Nodes.map(port)));
          }
        }
      }
      List<?> ports = Nodes.list(service.body(), "spec", "ports");
      for (int i = 0; i < ports.size(); i++) {
        Object target = Nodes.at(ports.get(i), "targetPort");
        if (target == null) {
          target = Nodes.at(ports.get(i), "port");
        }
        String field = target instanceof String ? "name" : "containerPort";
        String wanted = String.valueOf(target);
        String protocol = protocol(ports.get(i));
        if (declared.stream()
            .noneMatch(
                p ->
                    Objects.equals(Nodes.text(p, field), wanted) && protocol.equals(protocol(p)))) {
          violations.add(
              Violation.of(
                  service,
                  "spec.ports[" + i + "].targetPort",
                  "targets "
                      + protocol
                      + " port "
                      + wanted
                      + ", which no container it selects declares (they declare "
                      + describe(declared)
                      + "); change targetPort or add the port to the container"));
        }
      }
    }
    return violations;
  }

  /** A port's protocol; Kubernetes defaults it to TCP on both sides. */
  private static String protocol(Object port) {
    String protocol = Nodes.text(port, "protocol");
    return protocol == null ? "TCP" : protocol;
  }

  private static String describe(List<Map<String, Object>> ports) {
    if (ports.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Map<String, Object> port : ports) {
      String name = Nodes.text(port, "name");
      parts.add(
          (name == null ? "" : name + " ")
              + Nodes.text(port, "containerPort")
              + "/"
              + protocol(port));
    }
    return String.join(", ", parts);
  }
}
