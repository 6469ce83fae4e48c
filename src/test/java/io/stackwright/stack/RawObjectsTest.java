package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.EnvironmentLoader;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import io.stackwright.synth.Synthesizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The raw-object escape hatch of {@link Stack}. */
class RawObjectsTest {

  private static Map<String, Object> configMap(String name) {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("apiVersion", "v1");
    object.put("kind", "ConfigMap");
    object.put("metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", "shop-qa")));
    object.put("data", new LinkedHashMap<>(Map.of("A", "b")));
    return object;
  }

  @Test
  void rawObjectsAreWrittenAsGivenSortedByKindAndName() {
    Stack stack = new Stack("shop", "qa", "shop-qa", false);
    stack.addRawObject(configMap("zeta"));
    stack.addRawObject(
        Map.of(
            "apiVersion",
            "networking.k8s.io/v1",
            "kind",
            "NetworkPolicy",
            "metadata",
            Map.of("name", "deny", "namespace", "shop-qa"),
            "spec",
            Map.of("podSelector", Map.of())));
    stack.addRawObject(configMap("alpha"));

    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text(KubernetesRenderer.RAW_FILE))
        .containsSubsequence("kind: NetworkPolicy", "name: alpha", "name: zeta")
        .contains("  A: b\n");
  }

  @Test
  void aRawObjectThatRepeatsARenderedOneIsRefused() {
    Stack stack = new Stack("shop", "qa", "shop-qa", false);
    stack.addRawObject(
        Map.of(
            "apiVersion",
            "networking.k8s.io/v1",
            "kind",
            "NetworkPolicy",
            "metadata",
            Map.of("name", "default-deny", "namespace", "shop-qa"),
            "spec",
            Map.of("podSelector", Map.of())));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Synthesizer.render(stack.toModel()))
        .hasMessageContaining("NetworkPolicy shop-qa/default-deny is defined twice")
        .hasMessageContaining("00-namespace.yaml and 99-raw.yaml");
  }

  @Test
  void laterChangesToTheMapGivenDoNotReachTheOutput() {
    Stack stack = new Stack("shop", "qa", "shop-qa", false);
    Map<String, Object> object = configMap("settings");
    stack.addRawObject(object);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) object.get("data");
    data.put("A", "changed");
    object.put("kind", "Secret");

    StackModel model = stack.toModel();

    assertThat(model.rawObjects())
        .singleElement()
        .satisfies(r -> assertThat(r.ref()).isEqualTo("ConfigMap/settings"));
    assertThat(model.rawObjects().get(0).body()).containsEntry("data", Map.of("A", "b"));
  }

  @Test
  void aRawObjectMustSayWhatItIs() {
    Stack stack = new Stack("shop", "qa", "shop-qa", false);
    Map<String, Object> nameless = configMap("x");
    nameless.put("metadata", Map.of());
    Map<String, Object> kindless = configMap("x");
    kindless.remove("kind");

    assertThatThrownBy(() -> stack.addRawObject(nameless)).hasMessageContaining("metadata.name");
    assertThatThrownBy(() -> stack.addRawObject(kindless)).hasMessageContaining("needs a kind");
  }

  @Test
  void noRawObjectsNoRawFile() throws EnvironmentException {
    Path project = Path.of(System.getProperty("stackwright.projectDir", "."));
    ShopEnvironment props =
        new EnvironmentLoader(name -> null)
            .load(project.resolve("environments/prod.yaml"), ShopEnvironment.class);

    SynthOutput output = Synthesizer.render(new ShopStack().model("prod", props));

    assertThat(output.files()).doesNotContainKey(KubernetesRenderer.RAW_FILE);
  }
}
