package io.stackwright.render.k8s;

import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubePodDisruptionBudgetProps;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.PodDisruptionBudgetSpec;
import org.cdk8s.plus33.k8s.TopologySpreadConstraint;

/**
 * A replicated service survives losing a node: its replicas are spread over nodes (and zones, where
 * the cluster has them), and a PodDisruptionBudget lets drains and upgrades evict at most one of
 * its pods at a time. The twin of the policy rule {@code pod-disruption-budget}, which checks every
 * workload of more than one replica has a budget.
 */
final class DisruptionBudgets {
  private static final PlainObjects.ApiKind POD_DISRUPTION_BUDGET =
      new PlainObjects.ApiKind("policy/v1", "PodDisruptionBudget");

  private DisruptionBudgets() {}

  /**
   * Spreads the pods of {@code service}'s workload {@code kind}, and adds its budget, if
   * replicated.
   */
  static void apply(PlainObjects plain, StackModel stack, ServiceModel service, String kind) {
    if (!service.replicated()) {
      return;
    }
    LabelSelector selector =
        LabelSelector.builder().matchLabels(new TreeMap<>(Labels.selector(stack, service))).build();
    plain.set(
        kind, service.name(), "/spec/template/spec/topologySpreadConstraints", spread(selector));
    plain.add(
        POD_DISRUPTION_BUDGET,
        KubePodDisruptionBudgetProps.builder()
            .metadata(plain.metadata(service.name()))
            .spec(
                PodDisruptionBudgetSpec.builder()
                    .maxUnavailable(KubeJson.number(1))
                    .selector(selector)
                    .build())
            .build());
  }

  /**
   * One constraint per topology. {@code pod-template-hash} keeps a rollout's old and new pods from
   * counting against each other.
   */
  private static List<TopologySpreadConstraint> spread(LabelSelector selector) {
    List<TopologySpreadConstraint> constraints = new ArrayList<>();
    for (String key : List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")) {
      constraints.add(
          TopologySpreadConstraint.builder()
              .maxSkew(1)
              .topologyKey(key)
              .whenUnsatisfiable("ScheduleAnyway")
              .labelSelector(selector)
              .matchLabelKeys(List.of("pod-template-hash"))
              .build());
    }
    return constraints;
  }
}
