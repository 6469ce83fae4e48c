package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.stack.ProberStacks;
import io.stackwright.synth.Synthesizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A stack whose API is tested by a Compose prober passes every layer of the gate, a prober that
 * tests what the Kubernetes readiness probe does not fails it, and the parity report says what the
 * prober tests (the comparison itself: {@code validate.policy.ProberParityTest}).
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
  void theReportSaysTheProberTestsItsReadiness() {
    SynthOutput output = Synthesizer.render(model(false));

    assertThat(output.text(ParityReport.FILE))
        .containsSubsequence(
            "## api\n",
            "Compose tests its readiness from `services.api-ready`, a prober beside it",
            "Both targets agree.",
            "## edge\n")
        .doesNotContain("Compose only");
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
