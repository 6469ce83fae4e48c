package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.output.Yaml;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.synth.Synthesizer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The output is read back from its text once per synth (for the parity report, then again by the
 * gate's layers): what the gate sees is still exactly the text the output holds when it is checked,
 * with each environment's own facts.
 */
class ReadBackTest {

  private static final Map<String, Object> HOST_NETWORK_POD =
      Map.of(
          "apiVersion",
          "v1",
          "kind",
          "Pod",
          "metadata",
          Map.of("name", "sneaky", "namespace", "shop-qa"),
          "spec",
          Map.of("hostNetwork", true, "containers", List.of(Map.of("name", "x"))));

  private static List<Finding> policyFindings(Subject subject) {
    ValidationReport report = ValidationGate.policyOnly().check(List.of(subject));
    return report.environments().get(0).findings().stream()
        .filter(f -> f.layer() == Layer.POLICY)
        .toList();
  }

  @Test
  void aManifestAddedAfterTheParityReportIsCheckedWithItsFileAndField() {
    StackModel stack = ValidationGateTest.stack(s -> {});
    SynthOutput output = Synthesizer.render(stack);
    assertThat(output.text(ParityReport.FILE)).as("read back once already").isNotNull();

    output.add("sneaky.yaml", Yaml.writeAll(List.of(HOST_NETWORK_POD)));
    List<Finding> findings = policyFindings(ValidationGateTest.subject(stack, List.of(), output));

    assertThat(findings)
        .extracting(Finding::file, Finding::object, Finding::field, Finding::rule)
        .contains(
            tuple("sneaky.yaml", "Pod/sneaky", "spec.hostNetwork", "pod-security-restricted"));
  }

  @Test
  void aComposeFileAddedAfterTheParityReportIsCheckedToo() {
    SynthOutput output = new SynthOutput("qa", 0, 1);
    assertThat(ParityReport.markdown(output)).doesNotContain("## web");

    output.add(
        ComposeRenderer.COMPOSE_FILE,
        Yaml.write(Map.of("services", Map.of("web", Map.of("image", "busybox:1.37")))));
    ValidationReport report =
        ValidationGate.policyOnly()
            .check(
                List.of(
                    new Subject("qa", "environments/qa.yaml", false, Set.of(), List.of(), output)));

    assertThat(report.environments().get(0).findings())
        .extracting(Finding::layer, Finding::file, Finding::object)
        .contains(tuple(Layer.PARITY, ComposeRenderer.COMPOSE_FILE, "ComposeService/web"));
  }

  @Test
  void aFileThatIsNotYamlIsReportedWithItsFileAndPositionEachTime() {
    StackModel stack = ValidationGateTest.stack(s -> {});
    SynthOutput output = Synthesizer.render(stack);
    output.add("broken.yaml", "kind: ConfigMap\nmetadata: [name\n");
    Subject subject = ValidationGateTest.subject(stack, List.of(), output);

    for (int run = 0; run < 2; run++) {
      assertThat(policyFindings(subject))
          .filteredOn(f -> f.file().equals("broken.yaml"))
          .singleElement()
          .satisfies(
              f ->
                  assertThat(f.message())
                      .startsWith("cannot be read as YAML")
                      .contains("line 2, column"));
    }
  }

  @Test
  void theDocumentsBeforeAnUnreadableOneInTheSameFileAreStillChecked() {
    // kubectl applies a file's documents up to the first it cannot read, so the rules must see
    // them too, as they did when each document was taken as it was read.
    StackModel stack = ValidationGateTest.stack(s -> {});
    SynthOutput output = Synthesizer.render(stack);
    output.add(
        "partly.yaml",
        Yaml.writeAll(List.of(HOST_NETWORK_POD)) + "---\nkind: ConfigMap\nmetadata: [name\n");
    List<Finding> findings = policyFindings(ValidationGateTest.subject(stack, List.of(), output));

    assertThat(findings)
        .extracting(Finding::file, Finding::object, Finding::rule)
        .contains(tuple("partly.yaml", "Pod/sneaky", "pod-security-restricted"));
  }

  @Test
  void oneOutputIsCheckedWithTheFactsOfTheSubjectChecked() {
    Map<String, Object> floating =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "Pod",
            "metadata",
            Map.of("name", "floating", "namespace", "shop-qa"),
            "spec",
            Map.of("containers", List.of(Map.of("name", "x", "image", "busybox:latest"))));
    StackModel stack = ValidationGateTest.stack(s -> s.addRawObject(floating));
    SynthOutput output = Synthesizer.render(stack);
    Subject production = ValidationGateTest.subject(stack, List.of(), output);
    Subject development =
        new Subject(
            production.environment(),
            production.environmentFile(),
            true,
            production.externalSecrets(),
            List.of(),
            output);

    // Development first: the parity report read the output as a non-development one.
    assertThat(policyFindings(development))
        .extracting(Finding::rule)
        .doesNotContain("pinned-images");
    assertThat(policyFindings(production))
        .filteredOn(f -> f.rule().equals("pinned-images"))
        .extracting(Finding::object)
        .containsExactly("Pod/floating");
  }

  @Test
  void kubeconformAccountsForTheItemsOfAListAndEveryOtherDocument() {
    Map<String, Object> list =
        Map.of(
            "apiVersion",
            "v1",
            "kind",
            "List",
            "metadata",
            Map.of("name", "settings"),
            "items",
            List.of(configMap("first"), configMap("second")));
    StackModel stack = ValidationGateTest.stack(s -> s.addRawObject(list));

    // The count checked against kubeconform's summary now comes from the policy layer's reading.
    ValidationReport report =
        new ValidationGate(InstalledTools.require(), ValidationMode.STRICT)
            .check(List.of(ValidationGateTest.subject(stack, List.of())));

    assertThat(report.failureLines()).isEmpty();
    assertThat(report.ran()).contains(Layer.KUBECONFORM);
  }

  private static Map<String, Object> configMap(String name) {
    return Map.of(
        "apiVersion",
        "v1",
        "kind",
        "ConfigMap",
        "metadata",
        Map.of("name", name, "namespace", "shop-qa"),
        "data",
        Map.of("A", "b"));
  }

  @Test
  void theGateUsesTheReadingTheParityReportWasMadeFrom() {
    StackModel stack = ValidationGateTest.stack(s -> {});
    SynthOutput output = Synthesizer.render(stack);
    Subject subject = ValidationGateTest.subject(stack, List.of(), output);
    Subject development =
        new Subject(
            subject.environment(),
            subject.environmentFile(),
            true,
            Set.of("web-credentials"),
            List.of(),
            output);

    PolicyLayer.Result first = PolicyLayer.check(subject);
    PolicyLayer.Result second = PolicyLayer.check(development);

    assertThat(second.input().development()).isTrue();
    assertThat(second.input().externalSecrets()).containsExactly("web-credentials");
    assertThat(second.input().objects()).isSameAs(first.input().objects());
    assertThat(second.parity()).isSameAs(first.parity());
  }
}
