package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.Cpu;
import io.stackwright.model.Endpoint;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.SecretFile;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.shop.TestStacks;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.Layer;
import io.stackwright.validate.Subject;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationReport;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An HTTP service depends on what it is given and nothing else, takes its probe and metrics paths
 * from a framework preset, and refuses what cannot work with a message that names the value.
 */
class HttpServiceTest {

  private static final ImageRef IMAGE =
      ImageRef.parse("registry.example.com/acme/orders-api:2.3.1");

  /** The team's settings: two replicas, 1.5 GiB. */
  private static final HttpServiceProps TEAM =
      new HttpServiceProps(
          IMAGE,
          2,
          null,
          new ResourcesProps(Cpu.millis(500), Memory.mebibytes(1536), null, null),
          null,
          null);

  private static final SecretFile JWT = new SecretFile("jwt-signing-key", "orders-jwt", "key");

  /** A staging-like (non-development) stack with the team's Spring Boot API. */
  private static StackModel springBootApi() {
    Stack stack = new Stack("orders", "staging", "orders-staging", false);
    stack.network(TestStacks.CLUSTER.toNetwork());
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    HttpService.builder("api")
        .props(TEAM)
        .framework(HttpFramework.SPRING_BOOT)
        .uses(postgres)
        .secret(JWT, "JWT_SIGNING_KEY_FILE")
        .addTo(stack);
    new Prometheus(stack, PrometheusProps.defaults());
    return stack.toModel();
  }

  private static ValidationReport gate(StackModel model, SynthOutput output) {
    return ValidationGate.policyOnly()
        .check(
            List.of(
                new Subject(
                    model.environment(),
                    "environments/" + model.environment() + ".yaml",
                    model.development(),
                    model.externalSecrets(),
                    List.of(),
                    output)));
  }

  /** The block of one Compose service: up to the next key at the same indentation. */
  private static String composeService(SynthOutput output, String name) {
    String compose = output.text(ComposeRenderer.COMPOSE_FILE);
    int start = compose.indexOf("\n  " + name + ":\n");
    assertThat(start).as("Compose service " + name).isNotNegative();
    Matcher next = Pattern.compile("\n  [a-z]").matcher(compose);
    int end = next.find(start + 1) ? next.start() : compose.length();
    return compose.substring(start, end);
  }

  @Test
  void aSpringBootApiWithPostgresAndASecretHasActuatorProbesOnBothTargetsAndPassesTheGate() {
    StackModel model = springBootApi();
    SynthOutput output = Synthesizer.render(model);

    String kubernetes = output.text("api.yaml");
    assertThat(kubernetes)
        .containsSubsequence("livenessProbe:", "path: /actuator/health/liveness", "port: 8080")
        .containsSubsequence("readinessProbe:", "path: /actuator/health/readiness", "port: 8080")
        .contains("memory: 1536Mi")
        .contains("mountPath: /run/secrets/jwt-signing-key")
        .contains("mountPath: /run/secrets/postgres-password")
        .contains("SERVER_PORT: \"8080\"")
        .contains("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: \"true\"")
        .contains("SPRING_CONFIG_IMPORT: optional:configtree:/run/secrets/")
        .contains("SPRING_DATASOURCE_URL: \"jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}\"")
        .contains("DB_HOST: postgres.orders-staging.svc")
        .contains("JWT_SIGNING_KEY_FILE: /run/secrets/jwt-signing-key")
        .doesNotContain("REDIS");
    String compose = composeService(output, "api");
    assertThat(compose)
        .containsSubsequence(
            "healthcheck:", "wget", "http://127.0.0.1:8080/actuator/health/readiness")
        .containsSubsequence("depends_on:", "postgres:", "condition: service_healthy")
        .contains(
            "SPRING_DATASOURCE_URL: \"jdbc:postgresql://$${DB_HOST}:$${DB_PORT}/$${DB_NAME}\"")
        .contains("- jwt-signing-key")
        .doesNotContain("REDIS");
    assertThat(output.text("compose/config/prometheus/prometheus.yml"))
        .contains("/actuator/prometheus");

    ValidationReport report = gate(model, output);

    assertThat(report.failureLines()).isEmpty();
    assertThat(report.passed()).isTrue();
    assertThat(report.ran()).contains(Layer.POLICY, Layer.PARITY);
    assertThat(model.externalSecrets()).contains("orders-jwt", "postgres-credentials");
  }

  @Test
  void aLiteralCredentialBesideItStillFailsTheGate() {
    Stack stack = new Stack("orders", "staging", "orders-staging", false);
    HttpService.builder("api")
        .props(TEAM)
        .framework(HttpFramework.SPRING_BOOT)
        .env("JWT_SECRET", "not-so-secret")
        .addTo(stack);
    StackModel model = stack.toModel();

    ValidationReport report = gate(model, Synthesizer.render(model));

    assertThat(report.passed()).isFalse();
    assertThat(String.join("\n", report.failureLines())).contains("JWT_SECRET");
  }

  @Test
  void anHttpServiceWithNoDependenciesStandsAlone() {
    Stack stack = new Stack("solo", "staging", "solo-staging", false);
    HttpService solo =
        HttpService.builder("solo")
            .props(new HttpServiceProps(IMAGE, 2, null, null, null, null))
            .noMetrics()
            .addTo(stack);
    StackModel model = stack.toModel();
    SynthOutput output = Synthesizer.render(model);

    assertThat(solo.endpoint().service()).isEqualTo("solo");
    assertThat(solo.endpoint().port()).isEqualTo(8080);
    assertThat(output.text("solo.yaml"))
        .containsSubsequence("livenessProbe:", "path: /health/live")
        .containsSubsequence("readinessProbe:", "path: /health/ready")
        .contains("HTTP_PORT: \"8080\"", "LOG_LEVEL: info")
        .doesNotContain("METRICS_PATH", "DB_", "REDIS_", "/run/secrets", "port: 5432");
    assertThat(composeService(output, "solo"))
        .doesNotContain("depends_on:", "secrets:")
        .contains("http://127.0.0.1:8080/health/ready");
    assertThat(gate(model, output).failureLines()).isEmpty();
  }

  @Test
  void everyPathAndThePortCanBeOverridden() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    Redis redis = new Redis(stack, RedisProps.defaults());
    HttpService.builder("api")
        .props(HttpServiceProps.of(IMAGE))
        .framework(HttpFramework.QUARKUS)
        .port(9000)
        .livenessPath("/alive")
        .metricsPath("/prom")
        .uses(redis)
        .uses(redis.endpoint(), "QUEUE")
        .addTo(stack);
    new Prometheus(stack, PrometheusProps.defaults());
    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text("api.yaml"))
        .containsSubsequence("livenessProbe:", "path: /alive", "port: 9000")
        .containsSubsequence("readinessProbe:", "path: /q/health/ready", "port: 9000")
        .contains("QUARKUS_HTTP_PORT: \"9000\"", "QUARKUS_LOG_LEVEL: INFO")
        .contains("QUEUE_HOST: redis.demo-dev.svc", "REDIS_PASSWORD_FILE: /run/secrets/redis")
        .doesNotContain("SPRING_");
    assertThat(output.text("compose/config/prometheus/prometheus.yml")).contains("/prom");
  }

  @Test
  void invalidPathsAndPortsAreRefusedWithTheValue() {
    HttpService.Builder api = HttpService.builder("api");

    assertThatThrownBy(() -> api.port(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HttpService api: port must be between 1 and 65535, got 0");
    assertThatThrownBy(() -> api.port(65536)).hasMessageContaining("got 65536");
    assertThatThrownBy(() -> api.livenessPath("health/live"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the liveness path must be an absolute URL path")
        .hasMessageContaining("got \"health/live\"");
    assertThatThrownBy(() -> api.readinessPath("/ready?deep=1"))
        .hasMessageContaining("readiness path")
        .hasMessageContaining("\"/ready?deep=1\"");
    assertThatThrownBy(() -> api.metricsPath(null)).hasMessageContaining("metrics path");
    assertThatThrownBy(() -> api.metricsPath("/metrics ")).hasMessageContaining("\"/metrics \"");
    assertThatThrownBy(() -> api.startupSeconds(5)).hasMessageContaining("got 5");
    assertThatThrownBy(() -> api.uses((Redis) null)).hasMessage("HttpService api: redis is null");
    assertThatThrownBy(() -> api.uses(new Endpoint("x", 1), "lower"))
        .hasMessageContaining("\"lower\" must be UPPER_SNAKE_CASE");
    assertThatThrownBy(() -> api.addTo(new Stack("demo", "dev", "demo-dev", true)))
        .hasMessageContaining("HttpService api needs props(...)");
  }

  @Test
  void aSecondDatabaseOrVariableIsRefused() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    HttpService.Builder api = HttpService.builder("api").uses(postgres).env("A", "1");

    assertThatThrownBy(() -> api.uses(postgres))
        .hasMessageContaining("already uses the PostgreSQL postgres");
    assertThatThrownBy(() -> api.env("A", "2")).hasMessageContaining("A set twice");
    assertThatThrownBy(
            () ->
                HttpService.builder("api")
                    .props(HttpServiceProps.of(IMAGE))
                    .env("DB_HOST", "elsewhere")
                    .uses(postgres)
                    .addTo(new Stack("demo", "dev", "demo-dev", true)))
        .hasMessageContaining("DB_HOST set twice");
  }
}
