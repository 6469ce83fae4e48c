package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A workload that runs more than one replica (by {@code spec.replicas}, or by the maximum of a
 * HorizontalPodAutoscaler that scales it) has a PodDisruptionBudget that selects its pods and still
 * lets one of them be evicted. Without one, a node drain may take every replica down at once; with
 * one that allows no disruption, a drain never finishes.
 */
public final class DisruptionBudget implements PolicyRule {

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
      long replicas = Math.max(workload.replicas(), autoscaledMaximum(input, workload));
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
      for (KubeObject budget : budgets) {
        String blocked = blocksEveryEviction(budget, replicas);
        if (blocked != null) {
          violations.add(
              Violation.of(
                  budget,
                  blocked,
                  "allows no disruption of the "
                      + replicas
                      + " replicas of "
                      + workload.ref()
                      + ", so a node drain never finishes; use maxUnavailable: 1"));
        }
      }
    }
    return violations;
  }

  /** The most replicas an autoscaler of this workload may run, or 0. */
  private static long autoscaledMaximum(PolicyInput input, KubeObject workload) {
    long maximum = 0;
    for (KubeObject scaler : input.ofKind("HorizontalPodAutoscaler")) {
      if (scaler.namespace().equals(workload.namespace())
          && workload.kind().equals(Nodes.text(scaler.body(), "spec", "scaleTargetRef", "kind"))
          && workload.name().equals(Nodes.text(scaler.body(), "spec", "scaleTargetRef", "name"))) {
        Long max = Nodes.integer(scaler.body(), "spec", "maxReplicas");
        maximum = Math.max(maximum, max == null ? 0 : max);
      }
    }
    return maximum;
  }

  /** The field that forbids every eviction of {@code replicas} pods, or {@code null}. */
  private static String blocksEveryEviction(KubeObject budget, long replicas) {
    Object maxUnavailable = Nodes.at(budget.body(), "spec", "maxUnavailable");
    if (maxUnavailable != null && isZero(maxUnavailable)) {
      return "spec.maxUnavailable";
    }
    Object minAvailable = Nodes.at(budget.body(), "spec", "minAvailable");
    if (minAvailable instanceof Number number && number.longValue() >= replicas) {
      return "spec.minAvailable";
    }
    if ("100%".equals(minAvailable)) {
      return "spec.minAvailable";
    }
    return null;
  }

  private static boolean isZero(Object value) {
    return (value instanceof Number number && number.longValue() == 0)
        || "0".equals(value)
        || "0%".equals(value);
  }
}
