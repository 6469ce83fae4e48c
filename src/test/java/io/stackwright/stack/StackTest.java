package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.services.GenericService;
import io.stackwright.services.Prometheus;
import io.stackwright.services.PrometheusProps;
import org.junit.jupiter.api.Test;

/** Rules {@link Stack} holds while services are added. */
class StackTest {

  private static GenericService.Builder withMetrics(String name) {
    return GenericService.builder(name)
        .image("ghcr.io/acme/" + name + ":1.0.0")
        .port("http", 8080)
        .httpProbe("/healthz", "http")
        .metrics("http", "/metrics")
        .resources(
            new Resources(
                Cpu.millis(100), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(64)));
  }

  @Test
  void aServiceWithMetricsAddedAfterTheScraperIsRefusedRatherThanNeverScraped() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    withMetrics("early").addTo(stack);
    new Prometheus(stack, PrometheusProps.defaults());

    assertThatThrownBy(() -> withMetrics("late").addTo(stack))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "service late declares metrics but is added after prometheus, which scrapes the"
                + " services present when it is added; add late before prometheus");
  }

  @Test
  void theScraperItselfMayBeAddedAfterDeclaringItself() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    stack.scrapedBy("monitor");

    withMetrics("monitor").addTo(stack);
    assertThatThrownBy(() -> withMetrics("late").addTo(stack))
        .hasMessageContaining("add late before monitor");
  }
}
