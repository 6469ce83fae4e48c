package io.stackwright.render.enrich;

import static io.stackwright.render.enrich.Rendered.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.Probe;
import io.stackwright.services.GenericService;
import io.stackwright.services.ScheduledTask;
import io.stackwright.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A container has the model's probes, and a Compose service's health check is its readiness probe
 * (rule {@code probes}); a service starts once what it depends on is healthy. The prober of an
 * image without {@code wget} has its own test, {@code render.compose.ComposeProberTest}.
 */
class HealthChecksTest {

  @Test
  void anHttpProbeIsAWgetInsideTheContainerWithTheProbesTimings() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 5, 2, 4))
        .startupSeconds(45)
        .addTo(stack);

    JsonNode check = Rendered.of(stack).service("web").path("healthcheck");

    assertThat(texts(check.path("test")))
        .containsExactly("CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/ready");
    assertThat(check.path("interval").asText()).isEqualTo("5s");
    assertThat(check.path("timeout").asText()).isEqualTo("2s");
    assertThat(check.path("retries").isInt()).isTrue();
    assertThat(check.path("retries").asInt()).isEqualTo(4);
    assertThat(check.path("start_period").asText()).isEqualTo("45s");
    assertThat(check.has("disable")).isFalse();
  }

  @Test
  void anExecProbeRunsItsCommand() {
    Stack stack = TestServices.dev();
    TestServices.web("db")
        .probe(new Probe(new Probe.Exec(List.of("pg_isready", "-q")), 10, 3, 3))
        .addTo(stack);

    assertThat(texts(Rendered.of(stack).service("db").at("/healthcheck/test")))
        .containsExactly("CMD", "pg_isready", "-q");
  }

  @Test
  void aServiceWaitsForWhatItDependsOnToBeHealthyAndRestartsWithIt() {
    Stack stack = TestServices.dev();
    GenericService db = TestServices.web("db").addTo(stack);
    GenericService cache = TestServices.web("cache").addTo(stack);
    TestServices.web("api").dependsOn(db).dependsOn(cache).addTo(stack);

    Rendered rendered = Rendered.of(stack);
    JsonNode dependsOn = rendered.service("api").path("depends_on");

    assertThat(dependsOn.at("/db/condition").asText()).isEqualTo("service_healthy");
    assertThat(dependsOn.at("/db/restart").asBoolean()).isTrue();
    assertThat(dependsOn.at("/cache/condition").asText()).isEqualTo("service_healthy");
    assertThat(rendered.service("db").has("depends_on")).isFalse();
  }

  @Test
  void theContainerIsProbedAndItsStartRepeatsReadinessUntilTheStartUpTimeHasPassed() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 5, 2, 4))
        .liveness(new Probe(new Probe.HttpGet("/live", 8080), 20, 3, 6))
        .startupSeconds(42)
        .addTo(stack);

    JsonNode container =
        Rendered.of(stack).find("Deployment", "web").at("/spec/template/spec/containers/0");

    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    assertThat(container.at("/readinessProbe/periodSeconds").intValue()).isEqualTo(5);
    assertThat(container.at("/readinessProbe/failureThreshold").intValue()).isEqualTo(4);
    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/live");
    assertThat(container.at("/livenessProbe/failureThreshold").intValue()).isEqualTo(6);
    assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/ready");
    // 42 s in periods of 5 s: 9 attempts.
    assertThat(container.at("/startupProbe/failureThreshold").intValue()).isEqualTo(9);
  }

  @Test
  void aJobHasNoProbes() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .job(ScheduledTask.builder("report", "0 6 * * *").command("report").build())
        .addTo(stack);

    JsonNode container =
        Rendered.of(stack)
            .find("CronJob", "web-report")
            .at("/spec/jobTemplate/spec/template/spec/containers/0");

    assertThat(container.has("readinessProbe")).isFalse();
    assertThat(container.has("livenessProbe")).isFalse();
  }
}
