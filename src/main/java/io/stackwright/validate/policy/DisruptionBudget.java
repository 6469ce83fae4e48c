package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A workload that runs more than one replica (by {@code spec.replicas}, or by the maximum of a
 * HorizontalPodAutoscaler that scales it) has a PodDisruptionBudget that selects its pods and still
 * lets one of them be evicted even at its fewest replicas (an autoscaler's minimum). Without one, a
 * node drain may take every replica down at once; with one that allows no disruption, or with two
 * that select the same pods (the eviction API then refuses every eviction), a drain never finishes.
 */
final class DisruptionBudget implements PolicyRule {

  @Override
  public String id() {
    return "pod-disruption-budget";
  }

  @Override
  public String description() {
    return "Every workload with more than one replica has a PodDisruptionBudget that allows a"
        + " disruption.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (KubeObject workload : input.objects()) {
      if (!KubeObject.SCALABLE.contains(workload.kind()) || workload.podTemplate().isEmpty()) {
        continue;
      }
      Long[] scaled = autoscaled(input, workload);
      long replicas = scaled == null ? workload.replicas() : scaled[1];
      long fewest = scaled == null ? workload.replicas() : scaled[0];
      if (replicas <= 1) {
        continue;
      }
      PodTemplate pod = workload.podTemplate().get();
      List<KubeObject> budgets =
          input.ofKind("PodDisruptionBudget").stream()
              .filter(b -> b.namespace().equals(workload.namespace()))
              .filter(b -> Selectors.matches(Nodes.at(b.body(), "spec", "selector"), pod.labels()))
              .toList();
      if (budgets.isEmpty()) {
        violations.add(
            Violation.of(
                workload,
                "spec.replicas",
                "runs up to "
                    + replicas
                    + " replicas but no PodDisruptionBudget selects its pods; add one with the"
                    + " workload's selector and maxUnavailable: 1"));
      }
      if (budgets.size() > 1) {
        violations.add(
            Violation.of(
                workload,
                "spec.template.metadata.labels",
                budgets.size()
                    + " PodDisruptionBudgets select its pods ("
                    + String.join(", ", budgets.stream().map(KubeObject::ref).toList())
                    + "), and the eviction API refuses to evict a pod with more than one; keep"
                    + " one"));
      }
      for (KubeObject budget : budgets) {
        String blocked = blocksEveryEviction(budget, fewest);
        if (blocked != null) {
          violations.add(
              Violation.of(
                  budget,
                  blocked,
                  "allows no disruption when "
                      + workload.ref()
                      + " runs "
                      + fewest
                      + " replicas, so a node drain never finishes; use maxUnavailable: 1"));
        }
      }
    }
    return violations;
  }

  /**
   * The fewest and most replicas an autoscaler of this workload may run ({@code minReplicas}
   * defaults to 1), or {@code null} when none scales it.
   */
  private static Long[] autoscaled(PolicyInput input, KubeObject workload) {
    for (KubeObject scaler : input.ofKind("HorizontalPodAutoscaler")) {
      if (scaler.namespace().equals(workload.namespace())
          && workload.kind().equals(Nodes.text(scaler.body(), "spec", "scaleTargetRef", "kind"))
          && workload.name().equals(Nodes.text(scaler.body(), "spec", "scaleTargetRef", "name"))) {
        Long min = Nodes.integer(scaler.body(), "spec", "minReplicas");
        Long max = Nodes.integer(scaler.body(), "spec", "maxReplicas");
        return new Long[] {min == null ? 1 : min, max == null ? 0 : max};
      }
    }
    return null;
  }

  /**
   * The field that forbids every eviction when {@code replicas} pods run, or {@code null}.
   * Percentages round up, as the disruption controller rounds them.
   */
  private static String blocksEveryEviction(KubeObject budget, long replicas) {
    Object maxUnavailable = Nodes.at(budget.body(), "spec", "maxUnavailable");
    if (maxUnavailable != null && count(maxUnavailable, replicas) == 0) {
      return "spec.maxUnavailable";
    }
    Object minAvailable = Nodes.at(budget.body(), "spec", "minAvailable");
    if (minAvailable != null && count(minAvailable, replicas) >= replicas) {
      return "spec.minAvailable";
    }
    return null;
  }

  /** An absolute count, or a percentage of {@code replicas} rounded up. */
  private static long count(Object value, long replicas) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    String text = String.valueOf(value).trim();
    try {
      if (text.endsWith("%")) {
        long percent = Long.parseLong(text.substring(0, text.length() - 1));
        return (percent * replicas + 99) / 100;
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      // Not a count: kubeconform reports the wrong type; this rule has nothing to say.
      return -1;
    }
  }
}
