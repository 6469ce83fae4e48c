package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A generic service gets every cross-cutting default the flagship services get. */
class GenericServiceTest {

  private static SynthOutput render() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    GenericService.builder("worker")
        .image("ghcr.io/acme/worker:1.0.0")
        .port("metrics", 9100)
        .metrics("metrics", "/metrics")
        .httpProbe("/healthz", "metrics")
        .envHost("DB_HOST", postgres.endpoint())
        .secret(postgres.password(), "DB_PASSWORD_FILE")
        .dependsOn(postgres.endpoint())
        .addTo(stack);
    new Prometheus(stack, PrometheusProps.defaults());
    return Synthesizer.render(stack.toModel());
  }

  /** The block of one Compose service: up to the next key at the same indentation. */
  private static String composeService(SynthOutput output, String name) {
    String compose = output.text(ComposeRenderer.COMPOSE_FILE);
    int start = compose.indexOf("\n  " + name + ":\n");
    Matcher next = Pattern.compile("\n  [a-z]").matcher(compose);
    int end = next.find(start + 1) ? next.start() : compose.length();
    return compose.substring(start, end);
  }

  @Test
  void itIsHardenedOnBothTargets() {
    SynthOutput output = render();

    assertThat(output.text("worker.yaml"))
        .contains("readOnlyRootFilesystem: true")
        .contains("allowPrivilegeEscalation: false")
        .contains("runAsNonRoot: true")
        .contains("- ALL")
        .contains("type: RuntimeDefault");
    assertThat(composeService(output, "worker"))
        .contains("read_only: true")
        .contains("no-new-privileges:true")
        .contains("user: 10001:10001");
  }

  @Test
  void itsDependencyOpensTheNetworkAndOrdersTheStart() {
    SynthOutput output = render();

    assertThat(output.text("worker.yaml"))
        .containsSubsequence(
            "kind: NetworkPolicy", "port: 5432", "app.kubernetes.io/name: postgres");
    assertThat(output.text("postgres.yaml"))
        .containsSubsequence("kind: NetworkPolicy", "app.kubernetes.io/name: worker");
    assertThat(composeService(output, "worker"))
        .containsSubsequence("depends_on:", "postgres:", "condition: service_healthy")
        .contains("worker-to-postgres");
  }

  @Test
  void itIsScrapedAndHealthChecked() {
    SynthOutput output = render();

    assertThat(output.text("compose/config/prometheus/prometheus.yml")).contains("worker:9100");
    assertThat(output.text("prometheus.yaml")).contains("app.kubernetes.io/name: worker");
    assertThat(composeService(output, "worker"))
        .containsSubsequence("healthcheck:", "http://127.0.0.1:9100/healthz");
  }

  @Test
  void aMissingProbeOrPortIsAClearError() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);

    assertThatThrownBy(
            () ->
                GenericService.builder("worker")
                    .image("ghcr.io/acme/worker:1.0.0")
                    .port("http", 8080)
                    .addTo(stack))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probes");
    assertThatThrownBy(() -> GenericService.builder("worker").httpProbe("/healthz", "http"))
        .hasMessageContaining("no port named http");
  }

  @Test
  void everyMissingRequiredSettingIsNamedAtOnce() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);

    assertThatThrownBy(() -> GenericService.builder("worker").port("http", 8080).addTo(stack))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("worker: ")
        .hasMessageEndingWith("missing: image, readiness probe, liveness probe");
  }
}
