package io.stackwright.render.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.SecretFile;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import io.stackwright.validate.policy.Violation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each default and its twin rule mirror each other: a stack rendered with every default passes the
 * rule; rendered without that one default, the rule fails, on the targets it checks.
 */
class TwinRulesTest {

  /** Where the twin rule finds a default missing. */
  enum Target {
    KUBERNETES,
    COMPOSE
  }

  /**
   * Per default, the targets on which its twin rule fails without it. Every default must be listed,
   * so that a new one comes with its twin.
   */
  private static final Map<Class<? extends Enricher>, Set<Target>> CAUGHT_ON =
      Map.of(
          Hardening.class,
          Set.of(Target.KUBERNETES, Target.COMPOSE),
          // Compose has no selectors.
          LabelsAndSelectors.class,
          Set.of(Target.KUBERNETES),
          // No Compose engine has a default deny; the parity check compares the networks.
          NetworkIsolation.class,
          Set.of(Target.KUBERNETES),
          // Compose has no counterpart.
          Disruption.class,
          Set.of(Target.KUBERNETES),
          HealthChecks.class,
          Set.of(Target.KUBERNETES, Target.COMPOSE),
          // Without it, cdk8s-plus gives a container requests and limits of its own.
          RequestsAndLimits.class,
          Set.of(Target.COMPOSE),
          // Without it, no secret reaches a service at all: see below.
          Secrets.class,
          Set.of());

  private static final SecretFile PASSWORD = new SecretFile("db-password", "db-credentials", "pw");

  /** A stack that every default has something to add to: replicated, dependent, with a secret. */
  private static Stack stack(Stack stack) {
    GenericService db =
        TestServices.web("db").secret(PASSWORD, "POSTGRES_PASSWORD_FILE").addTo(stack);
    TestServices.web("api")
        .dependsOn(db)
        .writable("/tmp")
        .secret(PASSWORD, "DB_PASSWORD_FILE")
        .hostPort(8080)
        .addTo(stack);
    return stack;
  }

  static Stream<Named<Enricher>> defaults() {
    return Enrichers.all().stream().map(e -> Named.of(e.getClass().getSimpleName(), e));
  }

  private static Set<Target> targets(List<Violation> violations) {
    Set<Target> targets = new TreeSet<>();
    for (Violation violation : violations) {
      targets.add(
          ComposeRenderer.COMPOSE_FILE.equals(violation.file())
              ? Target.COMPOSE
              : Target.KUBERNETES);
    }
    return targets;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void withoutTheDefaultItsTwinFailsAndWithItItPasses(Enricher enricher) {
    assertThat(CAUGHT_ON).as("its twin's targets are listed").containsKey(enricher.getClass());
    Stack stack = stack(TestServices.prod());

    List<Violation> with = Rendered.of(stack).violations(enricher.rule());
    List<Violation> without =
        Rendered.without(stack, enricher.getClass()).violations(enricher.rule());

    assertThat(with).isEmpty();
    assertThat(targets(without)).isEqualTo(CAUGHT_ON.get(enricher.getClass()));
  }

  /**
   * The secrets' twin: without the default no secret reaches a service, which no rule can tell from
   * a service that reads none; what the rule checks is the default's one switch. What it gives a
   * development environment, generated values, fails the rule anywhere else, on both targets; what
   * it gives every other environment, references, passes.
   */
  @Test
  void whatTheSecretsGiveDevelopmentFailsTheirTwinAnywhereElse() {
    Rendered development = Rendered.of(stack(TestServices.dev()));
    Rendered production = Rendered.of(stack(TestServices.prod()));

    List<Violation> elsewhere = development.violations("no-literal-secrets", false);

    assertThat(development.violations("no-literal-secrets")).isEmpty();
    assertThat(targets(elsewhere)).containsExactly(Target.KUBERNETES, Target.COMPOSE);
    assertThat(elsewhere)
        .extracting(Violation::object)
        .contains("Secret/db-credentials", "ComposeSecret/db-password");
    assertThat(production.violations("no-literal-secrets")).isEmpty();
  }

  @Test
  void withoutTheSecretsNoSecretReachesAService() {
    Rendered without = Rendered.without(stack(TestServices.prod()), Secrets.class);

    assertThat(without.service("api").has("secrets")).isFalse();
    assertThat(without.find("Deployment", "api").toString()).doesNotContain("/run/secrets/db-");
  }
}
