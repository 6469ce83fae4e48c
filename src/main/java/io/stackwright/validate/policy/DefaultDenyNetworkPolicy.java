package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every namespace that runs pods has a default-deny NetworkPolicy: one that selects every pod
 * ({@code podSelector: {}}) and allows no ingress, and one (or the same) that allows no egress.
 * Traffic is then allowed only by further policies, one per connection the stack needs, so a
 * compromised pod reaches nothing it was not meant to. Policies add up, so a namespace-wide policy
 * with a rule that names no peer (which admits every peer) undoes the default deny, and is refused.
 */
final class DefaultDenyNetworkPolicy implements PolicyRule {

  @Override
  public String id() {
    return "default-deny-network-policy";
  }

  @Override
  public String description() {
    return "Every namespace with pods has a NetworkPolicy that denies all ingress and all egress by"
        + " default.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    Map<String, KubeObject> namespaces = new LinkedHashMap<>();
    for (PodTemplate pod : input.podTemplates()) {
      namespaces.putIfAbsent(pod.owner().namespace(), pod.owner());
    }
    List<Violation> violations = new ArrayList<>();
    namespaces.forEach(
        (namespace, firstWorkload) -> {
          boolean ingress = false;
          boolean egress = false;
          for (KubeObject policy : input.ofKind("NetworkPolicy")) {
            if (policy.namespace().equals(namespace)
                && Selectors.isEmpty(Nodes.at(policy.body(), "spec", "podSelector"))) {
              List<?> types = policyTypes(policy);
              ingress |=
                  types.contains("Ingress")
                      && Nodes.isEmpty(Nodes.at(policy.body(), "spec", "ingress"));
              egress |=
                  types.contains("Egress")
                      && Nodes.isEmpty(Nodes.at(policy.body(), "spec", "egress"));
            }
          }
          for (KubeObject policy : input.ofKind("NetworkPolicy")) {
            if (policy.namespace().equals(namespace)
                && Selectors.isEmpty(Nodes.at(policy.body(), "spec", "podSelector"))) {
              for (String direction : List.of("ingress", "egress")) {
                List<?> rules = Nodes.list(policy.body(), "spec", direction);
                for (int i = 0; i < rules.size(); i++) {
                  String peers = direction.equals("ingress") ? "from" : "to";
                  if (!(rules.get(i) instanceof Map<?, ?> rule) || Nodes.isEmpty(rule.get(peers))) {
                    violations.add(
                        Violation.of(
                            policy,
                            "spec." + direction + "[" + i + "]",
                            "selects every pod and admits every peer ("
                                + direction
                                + " without "
                                + peers
                                + "), which undoes the default deny; name the peers, or"
                                + " select the pods that need it"));
                  }
                }
              }
            }
          }
          if (!ingress || !egress) {
            String missing =
                !ingress && !egress ? "ingress and egress" : !ingress ? "ingress" : "egress";
            KubeObject at = input.find("Namespace", "", namespace).orElse(firstWorkload);
            String object =
                "Namespace/" + (namespace.isEmpty() ? "(kubectl's current namespace)" : namespace);
            violations.add(
                new Violation(
                    at.file(),
                    object,
                    "",
                    "no NetworkPolicy denies all "
                        + missing
                        + " by default; add one with podSelector: {}, policyTypes: [Ingress,"
                        + " Egress] and no rules, then allow each connection the stack needs"));
          }
        });
    return violations;
  }

  /** {@code spec.policyTypes}, or what Kubernetes assumes when it is unset. */
  private static List<?> policyTypes(KubeObject policy) {
    List<?> types = Nodes.list(policy.body(), "spec", "policyTypes");
    if (!types.isEmpty()) {
      return types;
    }
    return Nodes.at(policy.body(), "spec", "egress") != null
        ? List.of("Ingress", "Egress")
        : List.of("Ingress");
  }
}
