package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.cli.CliRun;
import io.stackwright.cli.Main;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.model.StackModel;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.services.GenericService;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.Subject;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationReport;
import io.stackwright.validate.Waiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The patch escape hatch of {@link Stack}: rendered objects changed before the gate. */
class PatchesTest {

  private static Stack stack() {
    return stack("qa", true);
  }

  private static Stack stack(String environment, boolean development) {
    Stack stack = new Stack("demo", environment, "demo-" + environment, development);
    addWeb(stack);
    return stack;
  }

  private static void addWeb(Stack stack) {
    boolean development = stack.development();
    GenericService.builder("web")
        .image("ghcr.io/acme/web:1.0.0")
        .port("http", 8080)
        .httpProbe("/healthz", "http")
        .resources(
            new Resources(
                Cpu.millis(100), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(64)))
        // Outside development a stateless service must survive losing a node.
        .replicas(development ? 1 : 2)
        .addTo(stack);
  }

  /** Settings of the demo stack's environment files: none that matter here. */
  public record DemoProps(String name) {}

  /** The demo stack, with {@code patches} added in every environment. */
  private static StackDefinition<DemoProps> demo(Consumer<Stack> patches) {
    return new StackDefinition<>() {
      @Override
      public Class<DemoProps> propsType() {
        return DemoProps.class;
      }

      @Override
      public String name() {
        return "demo";
      }

      @Override
      public void define(Stack stack, DemoProps props) {
        addWeb(stack);
        patches.accept(stack);
      }
    };
  }

  /** A strict synth of {@code env} of the demo stack in {@code project}: exit code and stderr. */
  private static Map.Entry<Integer, String> synth(Path project, String env, Consumer<Stack> patches)
      throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(
        project.resolve("environments").resolve(env + ".yaml"), "name: " + env + "\n");
    CliRun run = CliRun.synth(demo(patches), project, env);
    return Map.entry(run.code(), run.err());
  }

  /** What a synth wrote under {@code dist/}, without the lock a synth leaves beside it. */
  private static SortedMap<String, DistWriter.Bytes> output(Path project) throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(project.resolve("dist"));
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  private static ValidationReport policy(StackModel model) {
    return policy(model, List.of());
  }

  private static ValidationReport policy(StackModel model, List<Waiver> waivers) {
    SynthOutput output = Synthesizer.render(model);
    return ValidationGate.policyOnly()
        .check(
            List.of(
                new Subject(
                    "qa", "environments/qa.yaml", true, model.externalSecrets(), waivers, output)));
  }

  @Test
  void aKubernetesPatchChangesTheNamedObjectOnly() {
    Stack stack = stack();
    stack.patchKubernetes(
        "Deployment",
        "web",
        d -> d.withObject("/metadata/annotations").put("team.example/owner", "payments"));

    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text("web.yaml"))
        .containsSubsequence("kind: Deployment", "team.example/owner: payments");
    assertThat(output.text("web.yaml").split("team.example/owner", -1)).hasSize(2);
  }

  @Test
  void aPatchReadsAndWritesTypedValuesByPointer() {
    Stack stack = stack();
    // A key with a slash is written ~1 in a JSON pointer.
    stack.patchKubernetes(
        "Service",
        "web",
        s ->
            s.withObject("/metadata/annotations")
                .put("team.example/of", s.at("/metadata/labels/app.kubernetes.io~1name").asText())
                .put("team.example/port", String.valueOf(s.at("/spec/ports/0/port").asInt() + 1)));

    String web = Synthesizer.render(stack.toModel()).text("web.yaml");

    assertThat(web)
        .containsSubsequence(
            "kind: Service", "team.example/of: web", "team.example/port: \"8081\"");
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
        d ->
            d.withObject("/spec/template/spec/containers/0/securityContext")
                .put("privileged", true));
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
    // The ports are a list: a patch that takes them for an object fails.
    stack.patchKubernetes("Service", "web", s -> s.withObject("/spec/ports").put("a", "b"));

    assertThatThrownBy(() -> Synthesizer.render(stack.toModel()))
        .hasMessageContaining("patch Service/web failed");
  }

  /** The loosening a review found: every hardening of the Compose service undone by one patch. */
  private static void loosen(ObjectNode service) {
    service.put("user", "0:0");
    service.putArray("cap_add").add("SYS_ADMIN");
    service.put("network_mode", "host");
    service.put("pid", "host");
    service.putArray("volumes").add("/:/host");
    service.remove("read_only");
    service.putArray("ports").add("0.0.0.0:80:8080");
  }

  @Test
  void aComposePatchThatLoosensHardeningFailsTheSynthAndWritesNothing(@TempDir Path project)
      throws IOException {
    Map.Entry<Integer, String> hardened = synth(project, "prod", s -> {});
    assertThat(hardened.getKey()).as(hardened.getValue()).isEqualTo(Main.OK);
    SortedMap<String, DistWriter.Bytes> before = output(project);

    Map.Entry<Integer, String> loose =
        synth(project, "prod", s -> s.patchCompose("web", PatchesTest::loosen));

    assertThat(loose.getKey()).as(loose.getValue()).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(loose.getValue())
        .contains("ComposeService/web: services.web.user:")
        .contains("ComposeService/web: services.web.cap_add[0]:")
        .contains("ComposeService/web: services.web.network_mode:")
        .contains("ComposeService/web: services.web.pid:")
        .contains("ComposeService/web: services.web.volumes[0]:")
        .contains("ComposeService/web: services.web.read_only:")
        .contains("ComposeService/web: services.web.ports[0]:")
        .contains("[policy pod-security-restricted]")
        .contains("nothing was written");
    assertThat(output(project)).isEqualTo(before);

    Map.Entry<Integer, String> privileged =
        synth(project, "prod", s -> s.patchCompose("web", d -> d.put("privileged", true)));

    assertThat(privileged.getKey()).as(privileged.getValue()).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(privileged.getValue())
        .contains("ComposeService/web: services.web.privileged: Privileged Containers");
    assertThat(output(project)).isEqualTo(before);
  }

  @Test
  void aComposeFindingIsWaivedByItsServiceLikeAnyOther() {
    Stack stack = stack();
    stack.patchCompose("web", s -> s.putObject("sysctls").put("net.core.somaxconn", 1024));
    StackModel model = stack.toModel();
    assertThat(policy(model).failureLines())
        .anyMatch(line -> line.contains("ComposeService/web: services.web.sysctls."));

    ValidationReport waived =
        policy(
            model,
            List.of(
                new Waiver(
                    "pod-security-restricted", "ComposeService/web", "a queue needs a backlog")));

    assertThat(waived.passed()).as(String.join("\n", waived.failureLines())).isTrue();
    assertThat(waived.waiverLines())
        .anyMatch(line -> line.contains("pod-security-restricted for ComposeService/web"));
  }

  @Test
  void aPatchThatPutsAValueTheOutputCannotHoldIsTheStacksFaultAndNamesIt(@TempDir Path project)
      throws IOException {
    for (Consumer<Stack> patch :
        List.<Consumer<Stack>>of(
            s -> s.patchCompose("web", d -> d.putPOJO("weird", new Object())),
            s ->
                s.patchKubernetes(
                    "Deployment",
                    "web",
                    d -> d.withObject("/metadata").putArray("weird").addPOJO(new Object())))) {
      Map.Entry<Integer, String> result = synth(project, "prod", patch);

      assertThat(result.getKey()).as(result.getValue()).isEqualTo(Main.VALIDATION_FAILED);
      assertThat(result.getValue())
          .containsPattern(
              "patch (ComposeService|Deployment)/web puts a java.lang.Object at \\S*weird")
          .contains("use only objects, arrays, text, numbers, booleans and null")
          .contains("nothing was written")
          .doesNotContain("internal error")
          .doesNotContain("\tat ");
      assertThat(project.resolve("dist/prod")).doesNotExist();
    }
  }

  @Test
  void aPatchThatPutsAMapInsideItselfIsNamed() {
    Stack stack = stack();
    stack.patchCompose(
        "web",
        d -> {
          ObjectNode loop = d.putObject("x-loop");
          loop.set("self", loop);
        });

    assertThatThrownBy(() -> Synthesizer.render(stack.toModel()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "patch ComposeService/web puts an object or array inside itself at x-loop.self");
  }
}
