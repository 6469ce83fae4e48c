package io.stackwright.render.enrich;

import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.k8s.WorkloadParts;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.LabelSelector;

/**
 * Every pod, and every Compose service, carries its service's labels ({@link Labels#of}: the
 * recommended {@code app.kubernetes.io/*} labels and the environment), and every workload selects
 * its pods by the stable part of them ({@link Labels#selector}), never by the hash cdk8s-plus would
 * select by. The Service, the disruption budget and the network policies select by the same labels,
 * so that what one finds, all find; on Compose, {@code docker ps --filter label=...} finds what a
 * selector finds.
 *
 * <p>Kubernetes: the labels of each pod template (a service's and a job's), and the workload's
 * {@code spec.selector}, set in Java since cdk8s-plus would only copy it through, at three round
 * trips. The labels of the objects themselves are given as each is made, as the renderer files them
 * by service. Compose: the service's labels; a prober is labelled a {@code readiness-probe} of the
 * service it tests ({@value Labels#READINESS_OF}).
 *
 * <p>Twin: rule {@code service-selects-pods}, which checks every Service's selector matches a pod
 * template's labels. Compose has no selectors: no rule reads its labels but the prober's, which the
 * {@code probes} rule and the parity check follow to the service a prober tests.
 */
final class LabelsAndSelectors implements Enricher {

  @Override
  public String rule() {
    return "service-selects-pods";
  }

  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {
    out.labels(Labels.of(stack, service));
  }

  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {
    prober.labels(Labels.stackWide(stack));
    prober.label(Labels.NAME, service.composeProber());
    prober.label("app.kubernetes.io/instance", stack.name());
    prober.label("app.kubernetes.io/component", "readiness-probe");
    prober.label(Labels.READINESS_OF, service.name());
  }

  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    out.podLabels(Labels.of(stack, service));
    out.set(
        "/spec/selector",
        LabelSelector.builder()
            .matchLabels(new TreeMap<>(Labels.selector(stack, service)))
            .build());
  }

  /** A CronJob selects no pods of its own: its pods are labelled, for the policies that select. */
  @Override
  public void enrichJob(StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {
    out.podLabels(Labels.ofJob(stack, owner, job));
  }
}
