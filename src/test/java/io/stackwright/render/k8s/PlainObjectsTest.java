package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects built in Java come out as cdk8s writes the objects of the same chart. */
class PlainObjectsTest {

  @Test
  void anObjectGetsTheChartsLabelsAndNamespaceThenItsFields() {
    PlainObjects plain = new PlainObjects("shop-qa", Map.of("app.kubernetes.io/name", "web"));
    plain.add(
        "policy/v1", "PodDisruptionBudget", "web", Map.of("spec", Map.of("maxUnavailable", 1)));

    List<Object> all = plain.addTo(List.of());

    assertThat(all)
        .containsExactly(
            Map.of(
                "apiVersion",
                "policy/v1",
                "kind",
                "PodDisruptionBudget",
                "metadata",
                Map.of(
                    "name", "web",
                    "namespace", "shop-qa",
                    "labels", Map.of("app.kubernetes.io/name", "web")),
                "spec",
                Map.of("maxUnavailable", 1)));
  }

  @Test
  void aChartWithoutNamespaceOrLabelsGivesNeither() {
    PlainObjects plain = new PlainObjects(null, Map.of());
    plain.add("v1", "ServiceAccount", "prometheus", Map.of());

    assertThat(plain.addTo(List.of()))
        .containsExactly(
            Map.of(
                "apiVersion",
                "v1",
                "kind",
                "ServiceAccount",
                "metadata",
                Map.of("name", "prometheus")));
  }

  @Test
  void aFieldIsSetOnTheSynthesizedObjectOfThatKindAndName() {
    PlainObjects plain = new PlainObjects("shop-qa", Map.of());
    plain.set("Deployment", "web", List.of("spec", "template", "spec", "spread"), List.of("x"));
    List<Object> synthesized = new ArrayList<>();
    synthesized.add(object("Service", "web"));
    synthesized.add(object("Deployment", "web"));

    List<Object> all = plain.addTo(synthesized);

    assertThat(all).hasSize(2);
    assertThat(Manifests.kind(cast(all.get(0)))).isEqualTo("Service");
    assertThat(cast(all.get(0))).doesNotContainKey("spec");
    assertThat(cast(all.get(1)))
        .containsEntry("spec", Map.of("template", Map.of("spec", Map.of("spread", List.of("x")))));
  }

  @Test
  void aFieldOfAnObjectTheChartDoesNotHaveIsABug() {
    PlainObjects plain = new PlainObjects("shop-qa", Map.of());
    plain.set("StatefulSet", "web", List.of("spec", "x"), 1);
    List<Object> synthesized = new ArrayList<>();
    synthesized.add(object("Deployment", "web"));

    assertThatThrownBy(() -> plain.addTo(synthesized))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("StatefulSet/web");
  }

  private static Map<String, Object> object(String kind, String name) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("kind", kind);
    object.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
    return object;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Object object) {
    return (Map<String, Object>) object;
  }
}
