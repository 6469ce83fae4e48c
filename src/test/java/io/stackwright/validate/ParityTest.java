package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.SynthOutput;
import io.stackwright.shop.ShopStack;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two targets of every environment agree, read back from their files, and a mismatch between
 * them fails the gate; {@code PARITY.md} says what the comparison found.
 */
class ParityTest {
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));
  private static SynthOutput prod;

  @BeforeAll
  static void renderProd() throws Exception {
    prod = render("prod");
  }

  static List<String> environments() {
    return new Environments(PROJECT).names();
  }

  private static SynthOutput render(String environment) throws Exception {
    return new Synthesizer<>(new ShopStack(), PROJECT, name -> null)
        .renderWithoutGate(List.of(environment))
        .get(0);
  }

  private static Parity.Result compare(SynthOutput output) {
    return Parity.compare(PolicyLayer.read(output, false, Set.of(), new ArrayList<>()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("environments")
  void bothTargetsOfEveryEnvironmentAgree(String environment) throws Exception {
    SynthOutput output = environment.equals("prod") ? prod : render(environment);

    Parity.Result result = compare(output);

    assertThat(result.mismatches()).isEmpty();
    assertThat(result.services())
        .extracting(Parity.Service::service)
        .containsExactly("backend", "frontend", "nginx", "postgres", "prometheus", "redis");
    assertThat(output.text(ParityReport.FILE))
        .contains("## backend\n")
        .doesNotContain("Mismatches:");
    if (environment.equals("dev")) {
      assertThat(result.composeOnly())
          .containsExactly("database-ui (profile devtools)", "redis-ui (profile devtools)");
    }
  }

  @Test
  void theReportSaysWhatOnlyKubernetesHas() {
    Parity.Service backend = compare(prod).services().get(0);

    assertThat(backend.kubernetesOnly())
        .contains(
            "autoscaling (HorizontalPodAutoscaler/backend)",
            "a disruption budget (PodDisruptionBudget/backend)",
            "spreading of its pods over nodes");
    assertThat(prod.text(ParityReport.FILE))
        .contains("- autoscaling (HorizontalPodAutoscaler/backend)\n")
        .contains("- an Ingress for shop.example.com with TLS (Ingress/nginx)\n")
        .contains("- a scheduled job (CronJob/postgres-backup)\n");
  }

  /**
   * One change to prod's Compose file is a mismatch. Columns: text to replace, replacement, the
   * object and field reported, a word of the message.
   */
  @ParameterizedTest(name = "{4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      '      LOG_LEVEL: warn' | '      LOG_LEVELS: warn' | ComposeService/backend | services.backend.environment | LOG_LEVELS
      '- http://127.0.0.1:8080/health/ready' | '- http://127.0.0.1:8080/health/live' | ComposeService/backend | services.backend.healthcheck.test | readiness
      '      postgres:\\n        condition: service_healthy' | '      prometheus:\\n        condition: service_healthy' | ComposeService/backend | services.backend.depends_on.prometheus | network policy
      '    secrets:\\n      - postgres-password\\n      - redis-password\\n' | '    secrets:\\n      - postgres-password\\n' | ComposeService/backend | services.backend.secrets, configs | /run/secrets/redis-password
      '      - backend-to-redis\\n      - nginx-to-backend' | '      - nginx-to-backend' | ComposeService/backend | services.backend.networks | redis
      '      - 127.0.0.1:8080:8080' | '      - 127.0.0.1:8080:9090' | ComposeService/nginx | services.nginx.ports | 9090
      '  backend:\\n    cap_drop:' | '  worker:\\n    image: busybox:1.37\\n  backend:\\n    cap_drop:' | ComposeService/worker | '' | profile
      '  backend:\\n    cap_drop:' | '  api:\\n    cap_drop:' | Deployment/backend | '' | no service backend
      """)
  void oneChangeToTheComposeFileIsAMismatch(
      String from, String to, String object, String field, String word) {
    SynthOutput changed =
        ChangedOutputs.withCompose(prod, from.replace("\\n", "\n"), to.replace("\\n", "\n"));

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
