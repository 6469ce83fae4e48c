package io.stackwright.render.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.services.ScheduledTask;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/**
 * A container requests and is limited to what the model says, and its Compose service reserves the
 * same (rule {@code requests-and-limits}).
 */
class RequestsAndLimitsTest {
  private static final Resources RESOURCES =
      new Resources(Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(2000), Memory.gibibytes(1));

  @Test
  void requestsAreReservationsAndLimitsAreLimits() {
    Stack stack = TestServices.dev();
    TestServices.web("web").resources(RESOURCES).addTo(stack);

    JsonNode resources = Rendered.of(stack).service("web").at("/deploy/resources");

    assertThat(resources.at("/reservations/cpus").asText()).isEqualTo("0.25");
    assertThat(resources.at("/reservations/memory").asText()).isEqualTo("512m");
    assertThat(resources.at("/limits/cpus").asText()).isEqualTo("2");
    assertThat(resources.at("/limits/memory").asText()).isEqualTo("1g");
  }

  @Test
  void theContainerRequestsAndIsLimitedToTheSame() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .resources(RESOURCES)
        .job(
            ScheduledTask.builder("report", "0 6 * * *")
                .command("report")
                .resources(RESOURCES)
                .build())
        .addTo(stack);

    Rendered rendered = Rendered.of(stack);

    for (JsonNode container :
        new JsonNode[] {
          rendered.find("Deployment", "web").at("/spec/template/spec/containers/0"),
          rendered
              .find("CronJob", "web-report")
              .at("/spec/jobTemplate/spec/template/spec/containers/0")
        }) {
      JsonNode resources = container.path("resources");
      assertThat(resources.at("/requests/cpu").asText()).isEqualTo("250m");
      assertThat(resources.at("/requests/memory").asText()).isEqualTo("512Mi");
      assertThat(resources.at("/limits/cpu").asText()).isEqualTo("2000m");
      // cdk8s-plus writes memory in mebibytes.
      assertThat(resources.at("/limits/memory").asText()).isEqualTo("1024Mi");
    }
  }

  @Test
  void cpusAreWrittenAsTextThatStaysText() {
    Stack stack = TestServices.dev();
    TestServices.web("web")
        .resources(
            new Resources(
                Cpu.millis(1000), Memory.mebibytes(64), Cpu.millis(1000), Memory.mebibytes(64)))
        .addTo(stack);

    assertThat(Rendered.of(stack).text()).contains("cpus: \"1\"");
  }
}
