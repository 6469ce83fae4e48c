package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.stack.ProberStacks;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stack whose API is tested by a Compose prober passes every layer of the gate, and parity still
 * proves that the prober tests what the Kubernetes readiness probe tests.
 */
class ComposeProberGateTest {

  private static StackModel model(boolean development) {
    return ProberStacks.model(development, ComposeHealthCheck.prober());
  }

  private static Subject subject(StackModel model, SynthOutput output) {
    return new Subject(
        model.environment(),
        "environments/" + model.environment() + ".yaml",
        model.development(),
        model.externalSecrets(),
        List.of(),
        output);
  }

  private static Parity.Result compare(SynthOutput output) {
    return Parity.compare(PolicyLayer.read(output, false, Set.of(), new ArrayList<>()));
  }

  @ParameterizedTest(name = "development: {0}")
  @ValueSource(booleans = {true, false})
  void everyPolicyRuleAndParityPass(boolean development) {
    StackModel model = model(development);
    SynthOutput output = Synthesizer.render(model);

    ValidationReport report = ValidationGate.policyOnly().check(List.of(subject(model, output)));

    assertThat(report.failureLines()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.ran()).contains(Layer.POLICY, Layer.PARITY);
  }

  @Test
  void theComposeCliAndKubeconformTakeItToo() {
    Tools tools = InstalledTools.require();
    StackModel model = model(false);

    ValidationReport report =
        new ValidationGate(tools, ValidationMode.STRICT)
            .check(List.of(subject(model, Synthesizer.render(model))));

    assertThat(report.failureLines()).isEmpty();
    assertThat(report.ran()).contains(Layer.COMPOSE, Layer.KUBECONFORM);
    assertThat(report.passed()).isTrue();
  }

  @Test
  void theProberIsPartOfItsServiceNotAComposeOnlyService() {
    SynthOutput output = Synthesizer.render(model(false));
    Parity.Result result = compare(output);

    assertThat(result.mismatches()).isEmpty();
    assertThat(result.services())
        .extracting(Parity.Service::service)
        .containsExactly("api", "edge");
    assertThat(result.services().get(0).composeProbers()).containsExactly("api-ready");
    assertThat(result.services().get(1).composeProbers()).isEmpty();
    assertThat(result.composeOnly()).isEmpty();
    assertThat(output.composeServices()).isEqualTo(3);
    assertThat(output.text(ParityReport.FILE))
        .containsSubsequence(
            "## api\n",
            "Compose tests its readiness from `services.api-ready`, a prober beside it",
            "Both targets agree.",
            "## edge\n")
        .doesNotContain("Compose only");
  }

  /**
   * One change to the Compose file of a stack with a prober is a mismatch. Columns: text to
   * replace, replacement, the object and field reported, a word of the message.
   */
  @ParameterizedTest(name = "{4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      '- http://api:8080/health/ready' | '- http://api:8080/health/live' | ComposeService/api-ready | services.api-ready.healthcheck.test | /health/live
      '- http://api:8080/health/ready' | '- http://api:9090/health/ready' | ComposeService/api-ready | services.api-ready.healthcheck.test | 9090
      '- http://api:8080/health/ready' | '- http://edge:8080/health/ready' | ComposeService/api-ready | services.api-ready.healthcheck.test | host edge
      '      api-ready:\\n        condition: service_healthy' | '      api-ready:\\n        condition: service_started' | ComposeService/edge | services.edge.depends_on.api | not once it is ready
      '    networks:\\n      - api-ready-to-api\\n    read_only' | '    networks:\\n      - published\\n    read_only' | ComposeService/api-ready | services.api-ready.networks | shares no network
      '      stackwright.io/readiness-of: api' | '      stackwright.io/readiness-of: nobody' | ComposeService/api-ready | '' | profile
      """)
  void oneChangeToTheProberIsAMismatch(
      String from, String to, String object, String field, String word) {
    SynthOutput changed =
        ChangedOutputs.withCompose(
            Synthesizer.render(model(false)), from.replace("\\n", "\n"), to.replace("\\n", "\n"));

    List<Violation> mismatches = compare(changed).mismatches();

    assertThat(mismatches)
        .anySatisfy(
            v -> {
              assertThat(v.object()).isEqualTo(object);
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(word);
            });
  }

  @Test
  void aProberThatTestsAnotherPathFailsTheGate() {
    StackModel model = model(false);
    SynthOutput changed =
        ChangedOutputs.withCompose(
            Synthesizer.render(model),
            "- http://api:8080/health/ready",
            "- http://api:8080/health/live");

    ValidationReport report = ValidationGate.policyOnly().check(List.of(subject(model, changed)));

    assertThat(report.passed()).isFalse();
    assertThat(String.join("\n", report.failureLines()))
        .contains("ComposeService/api-ready: services.api-ready.healthcheck.test")
        .contains("Kubernetes [http://127.0.0.1:8080/health/ready]")
        .contains("Compose [http://127.0.0.1:8080/health/live]");
  }

  @Test
  void withoutItsProberTheServiceHasNoHealthCheck() {
    StackModel model = model(true);
    SynthOutput changed =
        ChangedOutputs.withCompose(
            Synthesizer.render(model), "      stackwright.io/readiness-of: api\n", "");

    ValidationReport report = ValidationGate.policyOnly().check(List.of(subject(model, changed)));

    assertThat(String.join("\n", report.failureLines()))
        .contains("ComposeService/api: services.api.healthcheck: service api has no health check")
        .contains("ComposeService/api-ready")
        .contains("Compose always starts it but Kubernetes does not run it");
  }
}
