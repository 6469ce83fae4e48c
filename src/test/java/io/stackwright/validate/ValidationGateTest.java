package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stackwright.env.EnvironmentLoader;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.services.GenericService;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate on crafted stacks, through the real tools: each layer catches what it exists for, and a
 * good stack passes them all. Objects the model cannot express are injected with {@link
 * Stack#addRawObject}.
 */
class ValidationGateTest {

  /** A ConfigMap whose {@code data} is misspelled {@code dataa}: kubeconform must refuse it. */
  private static final Map<String, Object> MISSPELLED_CONFIG_MAP =
      Map.of(
          "apiVersion",
          "v1",
          "kind",
          "ConfigMap",
          "metadata",
          Map.of("name", "extra", "namespace", "shop-qa"),
          "dataa",
          Map.of("A", "b"));

  /**
   * A one-service stack that follows every rule, plus whatever {@code extra} adds: two replicas,
   * which the renderer gives a disruption budget, in a namespace it gives a default deny.
   */
  static StackModel stack(Consumer<Stack> extra) {
    return stack("qa", extra);
  }

  /** The same stack for the environment {@code environment}, in {@code shop-<environment>}. */
  static StackModel stack(String environment, Consumer<Stack> extra) {
    Stack stack = new Stack("shop", environment, "shop-" + environment, false);
    GenericService.builder("web")
        .component("api")
        .image(ImageRef.parse("ghcr.io/acme/web:1.2.3"))
        .replicas(2)
        .port("http", 8080)
        .writable("/tmp")
        .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 10, 3, 3))
        .liveness(new Probe(new Probe.HttpGet("/live", 8080), 10, 3, 3))
        .resources(
            new Resources(
                Cpu.millis(100), Memory.mebibytes(64), Cpu.millis(200), Memory.mebibytes(64)))
        .addTo(stack);
    extra.accept(stack);
    return stack.toModel();
  }

  static Subject subject(StackModel stack, List<Waiver> waivers) {
    return subject(stack, waivers, Synthesizer.render(stack));
  }

  static Subject subject(StackModel stack, List<Waiver> waivers, SynthOutput output) {
    return new Subject(
        stack.environment(),
        "environments/" + stack.environment() + ".yaml",
        stack.development(),
        stack.externalSecrets(),
        waivers,
        output);
  }

  private static ValidationReport check(Subject... subjects) {
    return new ValidationGate(InstalledTools.require(), ValidationMode.STRICT)
        .check(List.of(subjects));
  }

  private static List<Finding> findings(ValidationReport report, Layer layer) {
    return report.environments().stream()
        .flatMap(e -> e.findings().stream())
        .filter(f -> f.layer() == layer)
        .toList();
  }

  @Test
  void aGoodStackPassesEveryLayer() {
    ValidationReport report = check(subject(stack(s -> {}), List.of()));

    assertThat(report.failureLines()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.ran())
        .containsExactly(Layer.POLICY, Layer.PARITY, Layer.KUBECONFORM, Layer.COMPOSE);
    assertThat(report.layersRan()).isEqualTo("policy, parity, kubeconform, compose");
  }

  @Test
  void aMisspelledFieldFailsKubeconformNamingFileObjectAndField() {
    StackModel stack = stack(s -> s.addRawObject(MISSPELLED_CONFIG_MAP));

    ValidationReport report = check(subject(stack, List.of()));

    assertThat(report.passed()).isFalse();
    assertThat(findings(report, Layer.KUBECONFORM))
        .extracting(Finding::file, Finding::object, Finding::field)
        .containsExactly(tuple("99-raw.yaml", "ConfigMap/extra", "dataa"));
    assertThat(report.failureLines())
        .containsSubsequence(
            "qa (environments/qa.yaml): 1 problem(s)",
            "  dist/qa/99-raw.yaml:",
            "    ConfigMap/extra: dataa: unknown field dataa (not in the Kubernetes"
                + " v1.33.0-local-strict schema); check its spelling and level [kubeconform]");
  }

  /**
   * A Deployment with five misspelled fields at three levels (two side by side, which kubeconform
   * names in one message; one leaves a required field missing) and a value of the wrong type.
   */
  private static final Map<String, Object> BROKEN_DEPLOYMENT =
      Map.of(
          "apiVersion",
          "apps/v1",
          "kind",
          "Deployment",
          "metadata",
          Map.of(
              "name",
              "broken",
              "namespace",
              "shop-qa",
              "labelz",
              Map.of("a", "b"),
              "annotationz",
              Map.of("a", "b")),
          "spec",
          Map.of(
              "replicass",
              2,
              "revisionHistoryLimit",
              "three",
              "selector",
              Map.of("matchLabels", Map.of("a", "b")),
              "template",
              Map.of(
                  "metadata",
                  Map.of("labels", Map.of("a", "b")),
                  "spec",
                  Map.of(
                      "containers",
                      List.of(
                          Map.of(
                              "name",
                              "c",
                              "image",
                              "busybox:1.37",
                              "imagePullPolicyy",
                              "Always",
                              "ports",
                              List.of(Map.of("containerPortt", 80))))))));

  @Test
  void kubeconformReportsEveryProblemOfAnObjectTheSameWayEveryTime() {
    StackModel stack = stack(s -> s.addRawObject(BROKEN_DEPLOYMENT));
    Subject subject = subject(stack, List.of());

    List<String> first = kubeconformLines(check(subject));
    assertThat(first)
        .containsExactly(
            "    Deployment/broken: metadata.annotationz: unknown field annotationz (not in the"
                + " Kubernetes v1.33.0-local-strict schema); check its spelling and level"
                + " [kubeconform]",
            "    Deployment/broken: metadata.labelz: unknown field labelz (not in the Kubernetes"
                + " v1.33.0-local-strict schema); check its spelling and level [kubeconform]",
            "    Deployment/broken: spec.replicass: unknown field replicass (not in the Kubernetes"
                + " v1.33.0-local-strict schema); check its spelling and level [kubeconform]",
            "    Deployment/broken: spec.revisionHistoryLimit: expected integer or null, but got"
                + " string [kubeconform]",
            "    Deployment/broken: spec.template.spec.containers[0].imagePullPolicyy: unknown"
                + " field imagePullPolicyy (not in the Kubernetes v1.33.0-local-strict schema);"
                + " check its spelling and level [kubeconform]",
            "    Deployment/broken: spec.template.spec.containers[0].ports[0]: missing properties:"
                + " 'containerPort' [kubeconform]",
            "    Deployment/broken: spec.template.spec.containers[0].ports[0].containerPortt:"
                + " unknown field containerPortt (not in the Kubernetes v1.33.0-local-strict"
                + " schema); check its spelling and level [kubeconform]");
    for (int run = 0; run < 4; run++) {
      assertThat(kubeconformLines(check(subject))).as("run %d", run + 2).isEqualTo(first);
    }
  }

  private static List<String> kubeconformLines(ValidationReport report) {
    return report.failureLines().stream().filter(l -> l.endsWith("[kubeconform]")).toList();
  }

  @Test
  void aWrongTypeFailsKubeconformNamingTheNestedField() {
    StackModel stack =
        stack(
            s ->
                s.addRawObject(
                    Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "Service",
                        "metadata",
                        Map.of("name", "typed", "namespace", "shop-qa"),
                        "spec",
                        Map.of(
                            "selector", Map.of("app.kubernetes.io/name", "web"),
                            "ports", List.of(Map.of("name", "http", "port", "eighty"))))));

    ValidationReport report = check(subject(stack, List.of()));

    assertThat(findings(report, Layer.KUBECONFORM))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.file()).isEqualTo("99-raw.yaml");
              assertThat(f.object()).isEqualTo("Service/typed");
              assertThat(f.field()).isEqualTo("spec.ports[0].port");
              assertThat(f.message()).contains("expected integer").contains("got string");
            });
  }

  @Test
  void aKindWithoutASchemaFailsKubeconform() {
    StackModel stack =
        stack(
            s ->
                s.addRawObject(
                    Map.of(
                        "apiVersion", "v1",
                        "kind", "ConfigMapp",
                        "metadata", Map.of("name", "extra", "namespace", "shop-qa"))));

    assertThat(findings(check(subject(stack, List.of())), Layer.KUBECONFORM))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.object()).isEqualTo("ConfigMapp/extra");
              assertThat(f.message()).contains("could not find schema for ConfigMapp");
            });
  }

  @Test
  void theToolsOfEveryEnvironmentRunTogetherAndReportEachFindingUnderItsOwnEnvironment() {
    List<Subject> subjects = new ArrayList<>();
    for (String environment : List.of("qa", "qa-two", "qa-three")) {
      Map<String, Object> misspelled = new LinkedHashMap<>(MISSPELLED_CONFIG_MAP);
      misspelled.put("metadata", Map.of("name", "extra", "namespace", "shop-" + environment));
      StackModel stack = stack(environment, s -> s.addRawObject(misspelled));
      SynthOutput rendered = Synthesizer.render(stack);
      String compose = rendered.text("compose/compose.yaml");
      SynthOutput changed =
          copy(
              rendered,
              "compose/compose.yaml",
              compose.replace(
                  "    read_only: true\n", "    read_only: true\n    restart_policy: always\n"));
      subjects.add(subject(stack, List.of(), changed));
    }
    ValidationGate gate = new ValidationGate(InstalledTools.require(), ValidationMode.STRICT);

    ValidationReport report = gate.check(subjects);

    assertThat(report.environments()).hasSize(3);
    for (ValidationReport.EnvironmentReport environment : report.environments()) {
      assertThat(environment.findings())
          .extracting(Finding::layer, Finding::file, Finding::object)
          .containsExactly(
              tuple(Layer.KUBECONFORM, "99-raw.yaml", "ConfigMap/extra"),
              tuple(Layer.COMPOSE, "compose/compose.yaml", "ComposeService/web"));
    }
    assertThat(gate.check(subjects).failureLines()).isEqualTo(report.failureLines());
  }

  @Test
  void anUnknownComposeKeyFailsTheComposeLayer() {
    StackModel stack = stack(s -> {});
    SynthOutput rendered = Synthesizer.render(stack);
    String compose = rendered.text("compose/compose.yaml");
    assertThat(compose).contains("    read_only: true\n");
    SynthOutput changed =
        copy(
            rendered,
            "compose/compose.yaml",
            compose.replace(
                "    read_only: true\n", "    read_only: true\n    restart_policy: always\n"));

    ValidationReport report = check(subject(stack, List.of(), changed));

    assertThat(findings(report, Layer.COMPOSE))
        .extracting(Finding::file, Finding::object, Finding::field)
        .containsExactly(
            tuple("compose/compose.yaml", "ComposeService/web", "services.web.restart_policy"));
    assertThat(report.failureLines())
        .contains(
            "  dist/qa/compose/compose.yaml:",
            "    ComposeService/web: services.web.restart_policy: unknown key restart_policy (not"
                + " in the Compose Specification) [compose]");
  }

  @Test
  void aComposeValueOfTheWrongTypeFailsTheComposeLayer() {
    StackModel stack = stack(s -> {});
    SynthOutput rendered = Synthesizer.render(stack);
    String compose = rendered.text("compose/compose.yaml");
    SynthOutput changed =
        copy(
            rendered,
            "compose/compose.yaml",
            compose.replace("    read_only: true\n", "    read_only: [1]\n"));

    assertThat(findings(check(subject(stack, List.of(), changed)), Layer.COMPOSE))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.field()).isEqualTo("services.web.read_only");
              assertThat(f.message()).contains("boolean");
            });
  }

  @Test
  void composeGetsAThrowawayValueForExactlyTheVariablesEnvExampleLists() throws Exception {
    ShopEnvironment props =
        new EnvironmentLoader(name -> null)
            .load(InstalledTools.PROJECT.resolve("environments/prod.yaml"), ShopEnvironment.class);
    StackModel prod = new ShopStack().model("prod", props);
    SynthOutput rendered = Synthesizer.render(prod);
    assertThat(rendered.text(ComposeCli.ENV_EXAMPLE)).contains("POSTGRES_PASSWORD_FILE=");

    assertThat(findings(check(subject(prod, List.of(), rendered)), Layer.COMPOSE)).isEmpty();

    SynthOutput unlisted = copy(rendered, ComposeCli.ENV_EXAMPLE, "# nothing listed\n");
    assertThat(findings(check(subject(prod, List.of(), unlisted)), Layer.COMPOSE))
        .isNotEmpty()
        .allSatisfy(
            f -> {
              assertThat(f.object()).startsWith("ComposeSecret/");
              assertThat(f.message()).contains("_FILE is missing a value");
            });
  }

  @Test
  void theToolsRunOnAScratchCopyThatIsRemovedAfterwards() throws IOException {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = scratchFolders(temp);

    check(subject(stack(s -> {}), List.of()));

    assertThat(scratchFolders(temp)).isEqualTo(before);
  }

  @Test
  void aWaiverExemptsItsObjectFromItsRuleAndTheReportSaysWhy() {
    StackModel stack =
        stack(
            s ->
                s.addRawObject(
                    Map.of(
                        "apiVersion",
                        "v1",
                        "kind",
                        "Pod",
                        "metadata",
                        Map.of("name", "debug", "namespace", "shop-qa"),
                        "spec",
                        Map.of(
                            "containers",
                            List.of(Map.of("name", "shell", "image", "busybox:1.37"))))));
    ValidationReport without =
        ValidationGate.policyOnly().check(List.of(subject(stack, List.of())));
    assertThat(without.environments().get(0).findings())
        .extracting(Finding::rule)
        .containsOnly("pod-security-restricted", "requests-and-limits", "probes");

    List<Waiver> waivers =
        List.of(
            new Waiver("pod-security-restricted", "Pod/debug", "a throwaway shell"),
            new Waiver("requests-and-limits", "Pod/debug", "a throwaway shell"),
            new Waiver("probes", "Pod/debug", "a throwaway shell"));
    ValidationReport waived = ValidationGate.policyOnly().check(List.of(subject(stack, waivers)));

    assertThat(waived.passed()).isTrue();
    assertThat(waived.waiverLines())
        .contains("qa: waived probes for Pod/debug (environments/qa.yaml): a throwaway shell");
  }

  @Test
  void aWaiverThatExemptsNothingFailsTheSynth() {
    List<Waiver> waivers =
        List.of(
            new Waiver("probes", "Deployment/web", "stale: web has probes now"),
            new Waiver("probes", "Deployment/gone", "stale: no such object"));

    ValidationReport report =
        ValidationGate.policyOnly().check(List.of(subject(stack(s -> {}), waivers)));

    assertThat(report.passed()).isFalse();
    assertThat(report.failureLines())
        .contains(
            "  environments/qa.yaml:",
            "    Deployment/gone: waivers[1]: this waiver exempts nothing: the output has no"
                + " Deployment/gone; remove the waiver [policy probes]",
            "    Deployment/web: waivers[0]: this waiver exempts nothing: Deployment/web passes"
                + " rule probes; remove the waiver [policy probes]");
  }

  @Test
  void aMissingToolSkipsItsLayerOrFailsWhenStrict() {
    Subject good = subject(stack(s -> {}), List.of());

    ValidationReport auto =
        new ValidationGate(Tools.none(), ValidationMode.AUTO).check(List.of(good));
    assertThat(auto.passed()).isTrue();
    assertThat(auto.layersRan()).isEqualTo("policy, parity");
    assertThat(auto.skipNotices())
        .hasSize(2)
        .allMatch(n -> n.contains(Tools.INSTALL_HINT))
        .anyMatch(n -> n.startsWith("skipped the kubeconform layer: kubeconform not found"))
        .anyMatch(n -> n.startsWith("skipped the compose layer: the Compose CLI was not found"));

    ValidationReport strict =
        new ValidationGate(Tools.none(), ValidationMode.STRICT).check(List.of(good));
    assertThat(strict.passed()).isFalse();
    assertThat(strict.failureLines())
        .anyMatch(l -> l.startsWith("required layer kubeconform cannot run:"))
        .anyMatch(l -> l.startsWith("required layer compose cannot run:"));
  }

  @Test
  void aToolThatFailsRatherThanReportsFailsTheGate(@TempDir Path folder) throws IOException {
    Path broken = folder.resolve("broken");
    Files.writeString(broken, "#!/bin/sh\necho 'not a report'\nexit 3\n");
    broken.toFile().setExecutable(true);
    Path schemas = Files.createDirectories(folder.resolve("schemas"));
    Files.writeString(schemas.resolve("namespace-v1.json"), "{}");
    Tools tools = new Tools(broken, schemas, List.of(broken.toString()));

    ValidationReport report =
        new ValidationGate(tools, ValidationMode.AUTO)
            .check(List.of(subject(stack(s -> {}), List.of())));

    assertThat(report.passed()).isFalse();
    assertThat(report.failureLines())
        .anyMatch(l -> l.startsWith("validation tool failed: kubeconform exited with code 3"))
        .anyMatch(
            l ->
                l.startsWith("validation tool failed: the Compose CLI (")
                    && l.endsWith(") exited with code 3: not a report"))
        .noneMatch(l -> l.endsWith("[compose]"));
  }

  @Test
  void aComposeCliThatCrashesFailsTheGateRatherThanReportingFindings(@TempDir Path folder)
      throws IOException {
    Tools installed = InstalledTools.require();
    Map<String, String> crashes =
        Map.of(
            "exit 1 with output of another shape",
            "echo 'something went wrong'; exit 1",
            "a Go panic",
            "echo 'panic: runtime error: invalid memory address' >&2;"
                + " echo 'goroutine 1 [running]:' >&2; exit 2",
            "a signal",
            "echo 'validating x: services.web what' >&2; kill -9 $$",
            "called wrongly",
            "echo 'unknown flag: --bogus' >&2; exit 1");
    for (Map.Entry<String, String> crash : crashes.entrySet()) {
      Path fake = folder.resolve("compose");
      Files.writeString(fake, "#!/bin/sh\n" + crash.getValue() + "\n");
      fake.toFile().setExecutable(true);
      Tools tools =
          new Tools(installed.kubeconform(), installed.schemas(), List.of(fake.toString()));

      ValidationReport report =
          new ValidationGate(tools, ValidationMode.STRICT)
              .check(List.of(subject(stack(s -> {}), List.of())));

      assertThat(report.passed()).as(crash.getKey()).isFalse();
      assertThat(findings(report, Layer.COMPOSE)).as(crash.getKey()).isEmpty();
      assertThat(report.failureLines())
          .as(crash.getKey())
          .anyMatch(l -> l.startsWith("validation tool failed: the Compose CLI ("));
    }
  }

  @Test
  void aKubeconformThatReportsNothingFailsTheGate(@TempDir Path folder) throws IOException {
    StackModel stack = stack(s -> s.addRawObject(MISSPELLED_CONFIG_MAP));
    Tools installed = InstalledTools.require();
    for (String output : List.of("", "{}", "{\"resources\": []}")) {
      Path fake = folder.resolve("kubeconform");
      Files.writeString(fake, "#!/bin/sh\nprintf '%s' '" + output + "'\nexit 0\n");
      fake.toFile().setExecutable(true);
      Tools tools = new Tools(fake, installed.schemas(), installed.compose());

      ValidationReport report =
          new ValidationGate(tools, ValidationMode.STRICT)
              .check(List.of(subject(stack, List.of())));

      assertThat(report.passed()).as("kubeconform printing '%s'", output).isFalse();
      assertThat(report.failureLines())
          .as("kubeconform printing '%s'", output)
          .anyMatch(l -> l.startsWith("validation tool failed: kubeconform"));
    }
  }

  @Test
  void aKubeconformSummaryMustAccountForEveryObject(@TempDir Path folder) throws IOException {
    Tools installed = InstalledTools.require();
    Path fake = folder.resolve("kubeconform");
    Files.writeString(
        fake,
        "#!/bin/sh\necho '{\"resources\": [], \"summary\": {\"valid\": 1, \"invalid\": 0,"
            + " \"errors\": 0, \"skipped\": 0}}'\n");
    fake.toFile().setExecutable(true);
    Tools tools = new Tools(fake, installed.schemas(), installed.compose());

    ValidationReport report =
        new ValidationGate(tools, ValidationMode.STRICT)
            .check(List.of(subject(stack(s -> {}), List.of())));

    assertThat(report.passed()).isFalse();
    assertThat(report.failureLines())
        .anyMatch(
            l ->
                l.matches(
                    "validation tool failed: kubeconform checked 1 object\\(s\\) of the \\d+ it"
                        + " was given"));
  }

  @Test
  void aScratchCopyThatCannotBeWrittenFailsTheGateAndLeavesNothingBehind(@TempDir Path folder)
      throws IOException {
    StackModel stack = stack(s -> {});
    SynthOutput rendered = Synthesizer.render(stack);
    // "extra" as a file and as a folder: the second cannot be written.
    SynthOutput clash = copy(rendered, "", "");
    clash.add("extra", "a file\n");
    clash.add("extra/inside.yaml", "a file in a folder that is a file\n");
    Path fake = folder.resolve("fake");
    Files.writeString(fake, "#!/bin/sh\nexit 0\n");
    fake.toFile().setExecutable(true);
    Path schemas = Files.createDirectories(folder.resolve("schemas"));
    Files.writeString(schemas.resolve("namespace-v1.json"), "{}");
    Tools tools = new Tools(fake, schemas, List.of(fake.toString()));
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = scratchFolders(temp);

    ValidationReport report =
        new ValidationGate(tools, ValidationMode.AUTO)
            .check(List.of(subject(stack, List.of(), clash)));

    assertThat(report.passed()).isFalse();
    assertThat(report.failureLines())
        .anyMatch(
            l ->
                l.startsWith(
                    "validation tool failed: cannot copy the output to a scratch folder for the"
                        + " tools"));
    assertThat(scratchFolders(temp)).isEqualTo(before);
  }

  static SynthOutput copy(SynthOutput output, String path, String content) {
    SynthOutput copy =
        new SynthOutput(output.environment(), output.kubernetesObjects(), output.composeServices());
    output
        .files()
        .forEach(
            (p, bytes) ->
                copy.add(
                    p,
                    p.equals(path)
                        ? content
                        : new String(bytes, java.nio.charset.StandardCharsets.UTF_8)));
    return copy;
  }

  static List<Path> scratchFolders(Path temp) throws IOException {
    try (Stream<Path> entries = Files.list(temp)) {
      return entries
          // This process's scratch folders only: other builds may run beside this one.
          .filter(p -> p.getFileName().toString().startsWith(ValidationGate.SCRATCH_PREFIX))
          .sorted()
          .toList();
    }
  }
}
