package io.stackwright.render.compose;

import static io.stackwright.render.compose.RenderedCompose.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.Probe;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Compose service's health check is its readiness probe (rule {@code probes}), and a service
 * starts once what it depends on is healthy. The prober of an image without {@code wget} has its
 * own test, {@link ComposeProberTest}.
 */
class ComposeHealthChecksTest {

  @Test
  void anHttpProbeIsAWgetInsideTheContainerWithTheProbesTimings() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 5, 2, 4))
        .startupSeconds(45)
        .addTo(stack);

    JsonNode check = RenderedCompose.of(stack).service("web").path("healthcheck");

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

    assertThat(texts(RenderedCompose.of(stack).service("db").at("/healthcheck/test")))
        .containsExactly("CMD", "pg_isready", "-q");
  }

  @Test
  void aServiceWaitsForWhatItDependsOnToBeHealthyAndRestartsWithIt() {
    Stack stack = TestServices.dev();
    GenericService db = TestServices.web("db").addTo(stack);
    GenericService cache = TestServices.web("cache").addTo(stack);
    TestServices.web("api").dependsOn(db).dependsOn(cache).addTo(stack);

    RenderedCompose rendered = RenderedCompose.of(stack);
    JsonNode dependsOn = rendered.service("api").path("depends_on");

    assertThat(dependsOn.at("/db/condition").asText()).isEqualTo("service_healthy");
    assertThat(dependsOn.at("/db/restart").asBoolean()).isTrue();
    assertThat(dependsOn.at("/cache/condition").asText()).isEqualTo("service_healthy");
    assertThat(rendered.service("db").has("depends_on")).isFalse();
  }
}
