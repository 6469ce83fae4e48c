package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every Service with a selector selects the pods of some workload in the output. A selector that
 * matches no pod template sends traffic nowhere, and nothing else reports it. Services without a
 * selector (endpoints managed by hand) and {@code ExternalName} Services are left alone.
 */
final class ServiceSelectsPods implements PolicyRule {

  @Override
  public String id() {
    return "service-selects-pods";
  }

  @Override
  public String description() {
    return "Every Service's selector matches the pod template of a workload in the output.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (KubeObject service : input.ofKind("Service")) {
      Map<String, Object> selector = Nodes.map(service.body(), "spec", "selector");
      if (selector.isEmpty() || "ExternalName".equals(Nodes.text(service.body(), "spec", "type"))) {
        continue;
      }
      if (selectedPods(input, service).isEmpty()) {
        violations.add(
            Violation.of(
                service,
                "spec.selector",
                "selects "
                    + selector
                    + ", which no pod template in namespace "
                    + service.namespace()
                    + " carries; change the selector or the pods' labels"));
      }
    }
    return violations;
  }

  /** The pod templates a Service's selector matches, in its namespace. */
  static List<PodTemplate> selectedPods(PolicyInput input, KubeObject service) {
    Map<String, Object> selector = Nodes.map(service.body(), "spec", "selector");
    return input.podTemplates().stream()
        .filter(pod -> pod.owner().namespace().equals(service.namespace()))
        .filter(pod -> Selectors.matchesEquality(selector, pod.labels()))
        .toList();
  }
}
