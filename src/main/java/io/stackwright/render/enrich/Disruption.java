package io.stackwright.render.enrich;

import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.k8s.KubeJson;
import io.stackwright.render.k8s.PlainObjects;
import io.stackwright.render.k8s.WorkloadParts;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.KubePodDisruptionBudgetProps;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.PodDisruptionBudgetSpec;
import org.cdk8s.plus33.k8s.TopologySpreadConstraint;

/**
 * A replicated service ({@link ServiceModel#replicated()}: more than one replica, or an autoscaler
 * that may run more) survives losing a node: its replicas are spread over nodes (and zones, where
 * the cluster has them), and a PodDisruptionBudget lets drains and upgrades evict at most one of
 * its pods at a time.
 *
 * <p>Kubernetes only. Compose runs one container of each service on one machine: there is nothing
 * to spread and no eviction to budget, so its half adds nothing, on purpose.
 *
 * <p>Twin: rule {@code pod-disruption-budget}, which checks every workload of more than one replica
 * has a budget that still lets one pod go.
 */
final class Disruption implements Enricher {
  private static final PlainObjects.ApiKind POD_DISRUPTION_BUDGET =
      new PlainObjects.ApiKind("policy/v1", "PodDisruptionBudget");

  @Override
  public String rule() {
    return "pod-disruption-budget";
  }

  /** Nothing: Compose runs one container of a service, which no drain evicts. */
  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {}

  /** Nothing: a prober is one container beside one service. */
  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {}

  /** Spreads the pods of a replicated service's workload, and adds its budget. */
  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    if (!service.replicated()) {
      return;
    }
    LabelSelector selector =
        LabelSelector.builder().matchLabels(new TreeMap<>(Labels.selector(stack, service))).build();
    out.set("/spec/template/spec/topologySpreadConstraints", spread(selector));
    out.objects()
        .add(
            POD_DISRUPTION_BUDGET,
            KubePodDisruptionBudgetProps.builder()
                .metadata(out.objects().metadata(service.name()))
                .spec(
                    PodDisruptionBudgetSpec.builder()
                        .maxUnavailable(KubeJson.number(1))
                        .selector(selector)
                        .build())
                .build());
  }

  /** Nothing: a CronJob runs one pod at a time, and a drain only delays its next run. */
  @Override
  public void enrichJob(
      StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {}

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
