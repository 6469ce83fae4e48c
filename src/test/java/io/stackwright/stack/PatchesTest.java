package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.services.GenericService;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.Subject;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The patch escape hatch of {@link Stack}: rendered objects changed before the gate. */
class PatchesTest {

  private static Stack stack() {
    Stack stack = new Stack("demo", "qa", "demo-qa", true);
    GenericService.builder("web")
        .image("ghcr.io/acme/web:1.0.0")
        .port("http", 8080)
        .httpProbe("/healthz", "http")
        .resources(
            new Resources(
                Cpu.millis(100), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(64)))
        .addTo(stack);
    return stack;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> at(Map<String, Object> object, String... path) {
    Map<String, Object> node = object;
    for (String key : path) {
      node = (Map<String, Object>) node.get(key);
    }
    return node;
  }

  private static ValidationReport policy(StackModel model) {
    SynthOutput output = Synthesizer.render(model);
    return ValidationGate.policyOnly()
        .check(
            List.of(
                new Subject(
                    "qa",
                    "environments/qa.yaml",
                    true,
                    model.externalSecrets(),
                    List.of(),
                    output)));
  }

  @Test
  void aKubernetesPatchChangesTheNamedObjectOnly() {
    Stack stack = stack();
    stack.patchKubernetes(
        "Deployment",
        "web",
        d -> at(d, "metadata").put("annotations", Map.of("team.example/owner", "payments")));

    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text("web.yaml"))
        .containsSubsequence("kind: Deployment", "team.example/owner: payments");
    assertThat(output.text("web.yaml").split("team.example/owner", -1)).hasSize(2);
  }

  @Test
  void aComposePatchChangesTheServiceAndItsValuesStayLiteral() {
    Stack stack = stack();
    stack.patchCompose("web", s -> s.put("stop_grace_period", "1m${X}"));

    String compose = Synthesizer.render(stack.toModel()).text(ComposeRenderer.COMPOSE_FILE);

    assertThat(compose).contains("stop_grace_period: \"1m$${X}\"");
  }

  @Test
  void aPatchThatMatchesNothingFailsAndNamesIt() {
    for (Consumer<Stack> patch :
        List.<Consumer<Stack>>of(
            s -> s.patchKubernetes("Deployment", "wbe", d -> {}),
            s -> s.patchCompose("wbe", d -> {}))) {
      Stack stack = stack();
      patch.accept(stack);

      assertThatThrownBy(() -> Synthesizer.render(stack.toModel()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("/wbe matches no object");
    }
  }

  @Test
  void patchedOutputStillPassesThroughTheGate() {
    Stack stack = stack();
    assertThat(policy(stack.toModel()).passed()).isTrue();
    stack.patchKubernetes(
        "Deployment",
        "web",
        d -> {
          List<?> containers = (List<?>) at(d, "spec", "template", "spec").get("containers");
          @SuppressWarnings("unchecked")
          Map<String, Object> container = (Map<String, Object>) containers.get(0);
          at(container, "securityContext").put("privileged", true);
        });
    stack.patchCompose("web", s -> s.remove("healthcheck"));

    ValidationReport report = policy(stack.toModel());

    assertThat(report.passed()).isFalse();
    assertThat(String.join("\n", report.failureLines()))
        .contains("Deployment/web")
        .contains("privileged")
        .contains("ComposeService/web");
  }

  @Test
  void aFailingPatchIsNamed() {
    Stack stack = stack();
    stack.patchKubernetes("Service", "web", s -> at(s, "nope").put("a", "b"));

    assertThatThrownBy(() -> Synthesizer.render(stack.toModel()))
        .hasMessageContaining("patch Service/web failed");
  }
}
