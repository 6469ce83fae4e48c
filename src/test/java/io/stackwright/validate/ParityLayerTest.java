package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.SynthOutput;
import io.stackwright.shop.ShopOutputs;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate's parity layer and its report: a mismatch between the two targets fails the gate, and
 * {@code PARITY.md}, made from the same comparison, says what it found.
 */
class ParityLayerTest {
  private static SynthOutput prod;

  @BeforeAll
  static void renderProd() {
    prod = ShopOutputs.of("prod");
  }

  static List<String> environments() {
    return ShopOutputs.environments();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void theReportOfEveryEnvironmentFindsNoMismatch(String environment) throws Exception {
    SynthOutput output = ShopOutputs.of(environment);

    assertThat(output.text(ParityReport.FILE))
        .contains("## backend\n")
        .doesNotContain("Mismatches:");
  }

  @Test
  void theReportSaysWhatOnlyKubernetesHas() {
    assertThat(prod.text(ParityReport.FILE))
        .contains("- autoscaling (HorizontalPodAutoscaler/backend)\n")
        .contains("- an Ingress for shop.example.com with TLS (Ingress/nginx)\n")
        .contains("- a scheduled job (CronJob/postgres-backup)\n");
  }

  @Test
  void aMismatchFailsTheGateAndNoWaiverHidesIt() {
    SynthOutput changed =
        ChangedOutputs.withCompose(prod, "      LOG_LEVEL: warn", "      LOG_LEVELS: warn");
    Subject subject =
        new Subject(
            "prod",
            "environments/prod.yaml",
            false,
            Set.of("postgres-credentials", "redis-credentials", "shop-tls"),
            List.of(),
            changed);

    ValidationReport report = ValidationGate.policyOnly().check(List.of(subject));

    assertThat(report.passed()).isFalse();
    assertThat(report.ran()).contains(Layer.PARITY);
    assertThat(String.join("\n", report.failureLines()))
        .contains("dist/prod/compose/compose.yaml:")
        .contains("ComposeService/backend: services.backend.environment: environment variables")
        .contains("only on Kubernetes: LOG_LEVEL; only in Compose: LOG_LEVELS");
  }
}
