package io.stackwright.render.compose;

import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;

/**
 * Labels every Compose service as its pods are labelled ({@link Labels}), which rule {@code
 * service-selects-pods} checks on the Kubernetes side: the same name, instance, component and
 * environment, so that {@code docker ps --filter label=...} finds what a selector finds. A prober
 * is labelled as a {@code readiness-probe} of the service it tests ({@value Labels#READINESS_OF}).
 */
final class ComposeLabels implements ComposeEnricher {
  private final StackModel stack;

  ComposeLabels(StackModel stack) {
    this.stack = stack;
  }

  @Override
  public String rule() {
    return "service-selects-pods";
  }

  @Override
  public void enrich(ServiceModel service, ComposeService.Builder out) {
    out.labels(Labels.of(stack, service));
  }

  @Override
  public void enrichProber(ServiceModel service, ComposeService.Builder prober) {
    prober.labels(Labels.stackWide(stack));
    prober.label(Labels.NAME, service.composeProber());
    prober.label("app.kubernetes.io/instance", stack.name());
    prober.label("app.kubernetes.io/component", "readiness-probe");
    prober.label(Labels.READINESS_OF, service.name());
  }
}
