package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.model.ServiceModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.services.GenericService;
import io.stackwright.services.Prometheus;
import io.stackwright.services.PrometheusProps;
import io.stackwright.synth.Synthesizer;
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
  void servicesMayBeAddedInAnyOrderAndPrometheusScrapesThemAll() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    withMetrics("early").addTo(stack);
    new Prometheus(stack, PrometheusProps.defaults());
    withMetrics("late").addTo(stack);

    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text("compose/config/prometheus/prometheus.yml"))
        .contains("early:8080")
        .contains("late:8080");
    assertThat(output.text("late.yaml")).contains("app.kubernetes.io/name: prometheus");
    assertThat(stack.services())
        .extracting(ServiceModel::name)
        .containsExactly("early", "prometheus", "late");
  }
}
