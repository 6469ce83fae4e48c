package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.output.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus33.k8s.KubePodDisruptionBudgetProps;
import org.cdk8s.plus33.k8s.KubeServiceAccountProps;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.PodDisruptionBudgetSpec;
import org.junit.jupiter.api.Test;

/** Objects built in Java from typed structs come out as cdk8s writes the objects of the chart. */
class PlainObjectsTest {
  private static final PlainObjects.ApiKind BUDGET =
      new PlainObjects.ApiKind("policy/v1", "PodDisruptionBudget");

  @Test
  void anObjectGetsTheChartsLabelsAndNamespaceThenItsFields() {
    PlainObjects plain = new PlainObjects("shop-qa", Map.of("app.kubernetes.io/name", "web"));
    plain.add(
        BUDGET,
        KubePodDisruptionBudgetProps.builder()
            .metadata(plain.metadata("web"))
            .spec(PodDisruptionBudgetSpec.builder().maxUnavailable(KubeJson.number(1)).build())
            .build());

    List<ObjectNode> all = plain.addTo(List.of());

    assertThat(all).hasSize(1);
    assertThat(Yaml.write(all.get(0)))
        .isEqualTo(
            """
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              labels:
                app.kubernetes.io/name: web
              name: web
              namespace: shop-qa
            spec:
              maxUnavailable: 1
            """);
  }

  @Test
  void aChartWithoutNamespaceOrLabelsGivesNeither() {
    PlainObjects plain = new PlainObjects(null, Map.of());
    plain.add(
        new PlainObjects.ApiKind("v1", "ServiceAccount"),
        KubeServiceAccountProps.builder().metadata(plain.metadata("prometheus")).build());

    assertThat(plain.addTo(List.of()).get(0))
        .hasToString(
            "{\"metadata\":{\"name\":\"prometheus\"},\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\"}");
  }

  @Test
  void anEmptySelectorIsKeptAsAnEmptyObject() {
    PlainObjects plain = new PlainObjects(null, Map.of());
    plain.add(
        BUDGET,
        KubePodDisruptionBudgetProps.builder()
            .metadata(plain.metadata("all"))
            .spec(
                PodDisruptionBudgetSpec.builder().selector(LabelSelector.builder().build()).build())
            .build());

    assertThat(plain.addTo(List.of()).get(0).at("/spec/selector")).isEmpty();
    assertThat(plain.addTo(List.of()).get(0).at("/spec/selector").isObject()).isTrue();
  }

  @Test
  void aFieldIsSetOnTheSynthesizedObjectOfThatKindAndName() {
    PlainObjects plain = new PlainObjects("shop-qa", Map.of());
    plain.set(
        "Deployment",
        "web",
        "/spec/selector",
        LabelSelector.builder().matchLabels(Map.of("app", "web")).build());
    List<ObjectNode> synthesized = new ArrayList<>();
    synthesized.add(object("Service", "web"));
    synthesized.add(object("Deployment", "web"));

    List<ObjectNode> all = plain.addTo(synthesized);

    assertThat(all).hasSize(2);
    assertThat(Manifests.kind(all.get(0))).isEqualTo("Service");
    assertThat(all.get(0).has("spec")).isFalse();
    assertThat(all.get(1).at("/spec/selector/matchLabels/app").asText()).isEqualTo("web");
  }

  @Test
  void aFieldOfAnObjectTheChartDoesNotHaveIsABug() {
    PlainObjects plain = new PlainObjects("shop-qa", Map.of());
    plain.set("StatefulSet", "web", "/spec/x", "y");
    List<ObjectNode> synthesized = new ArrayList<>();
    synthesized.add(object("Deployment", "web"));

    assertThatThrownBy(() -> plain.addTo(synthesized))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("StatefulSet/web");
  }

  private static ObjectNode object(String kind, String name) {
    ObjectNode object = new ObjectMapper().createObjectNode();
    object.put("kind", kind);
    object.putObject("metadata").put("name", name);
    return object;
  }
}
