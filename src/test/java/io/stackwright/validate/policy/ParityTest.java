package io.stackwright.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.SynthOutput;
import io.stackwright.shop.ShopOutputs;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two targets of every environment agree, read back from their files, and one change to the
 * Compose file is a mismatch that names the object and the field.
 */
class ParityTest {
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
  void bothTargetsOfEveryEnvironmentAgree(String environment) throws Exception {
    SynthOutput output = ShopOutputs.of(environment);

    Parity.Result result = Parity.compare(ReadOutputs.read(output));

    assertThat(result.mismatches()).isEmpty();
    assertThat(result.services())
        .extracting(Parity.Service::service)
        .containsExactly("backend", "frontend", "nginx", "postgres", "prometheus", "redis");
    if (environment.equals("dev")) {
      assertThat(result.composeOnly())
          .containsExactly("database-ui (profile devtools)", "redis-ui (profile devtools)");
    }
  }

  @Test
  void itSaysWhatOnlyKubernetesHas() {
    Parity.Service backend = Parity.compare(ReadOutputs.read(prod)).services().get(0);

    assertThat(backend.kubernetesOnly())
        .contains(
            "autoscaling (HorizontalPodAutoscaler/backend)",
            "a disruption budget (PodDisruptionBudget/backend)",
            "spreading of its pods over nodes");
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
    PolicyInput changed =
        ReadOutputs.withCompose(prod, from.replace("\\n", "\n"), to.replace("\\n", "\n"));

    List<Violation> mismatches = Parity.compare(changed).mismatches();

    assertThat(mismatches)
        .anySatisfy(
            v -> {
              assertThat(v.object()).isEqualTo(object);
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(word);
            });
  }
}
