package io.stackwright.render.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.Autoscaling;
import io.stackwright.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A replicated service is spread over nodes and zones and has a disruption budget (rule {@code
 * pod-disruption-budget}); Compose, which runs one container of it, gets nothing.
 */
class DisruptionTest {

  private static List<String> kinds(Rendered rendered, String file) {
    return rendered.manifests().get(file).stream().map(o -> o.path("kind").asText()).toList();
  }

  @Test
  void aReplicatedServiceIsSpreadAndBudgeted() {
    Stack stack = TestServices.prod();
    TestServices.web("web").replicas(2).addTo(stack);

    Rendered rendered = Rendered.of(stack);

    ObjectNode budget = rendered.find("PodDisruptionBudget", "web");
    assertThat(budget.at("/spec/maxUnavailable").intValue()).isEqualTo(1);
    assertThat(budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
        .isEqualTo("web");
    assertThat(
            rendered.find("Deployment", "web").at("/spec/template/spec/topologySpreadConstraints"))
        .hasSize(2);
  }

  @Test
  void anAutoscaledServiceIsBudgetedToo() {
    Stack stack = TestServices.dev();
    TestServices.web("web").replicas(1).autoscaling(new Autoscaling(1, 4, 70)).addTo(stack);

    assertThat(kinds(Rendered.of(stack), "web.yaml")).contains("PodDisruptionBudget");
  }

  @Test
  void aSingleReplicaHasNoBudgetNorSpread() {
    Stack stack = TestServices.dev();
    TestServices.web("web").replicas(1).addTo(stack);

    Rendered rendered = Rendered.of(stack);

    assertThat(kinds(rendered, "web.yaml")).doesNotContain("PodDisruptionBudget");
    assertThat(
            rendered.find("Deployment", "web").at("/spec/template/spec/topologySpreadConstraints"))
        .isEmpty();
  }

  @Test
  void composeHasNoCounterpart() {
    Stack stack = TestServices.prod();
    TestServices.web("web").replicas(3).addTo(stack);

    assertThat(Rendered.of(stack).service("web").toString())
        .isEqualTo(Rendered.without(stack, Disruption.class).service("web").toString());
  }
}
