package io.stackwright.render.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/** A Compose service reserves what its pod requests (rule {@code requests-and-limits}). */
class ComposeResourcesTest {

  @Test
  void requestsAreReservationsAndLimitsAreLimits() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .resources(
            new Resources(
                Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(2000), Memory.gibibytes(1)))
        .addTo(stack);

    JsonNode resources = RenderedCompose.of(stack).service("web").at("/deploy/resources");

    assertThat(resources.at("/reservations/cpus").asText()).isEqualTo("0.25");
    assertThat(resources.at("/reservations/memory").asText()).isEqualTo("512m");
    assertThat(resources.at("/limits/cpus").asText()).isEqualTo("2");
    assertThat(resources.at("/limits/memory").asText()).isEqualTo("1g");
  }

  @Test
  void cpusAreWrittenAsTextThatStaysText() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .resources(
            new Resources(
                Cpu.millis(1000), Memory.mebibytes(64), Cpu.millis(1000), Memory.mebibytes(64)))
        .addTo(stack);

    assertThat(RenderedCompose.of(stack).text()).contains("cpus: \"1\"");
  }
}
