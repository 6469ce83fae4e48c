package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.SynthOutput;
import io.stackwright.services.ClusterProps;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack without a Prometheus of its own lets the cluster's scrape its metrics when the
 * environment names it, and says so when nothing may scrape them.
 */
class ClusterPrometheusTest {
  @TempDir Path project;

  /**
   * The settings of the test stack.
   *
   * @param cluster the cluster
   */
  public record Props(ClusterProps cluster) {}

  private static final StackDefinition<Props> API_ONLY =
      new StackDefinition<>() {
        @Override
        public Class<Props> propsType() {
          return Props.class;
        }

        @Override
        public String name() {
          return "team";
        }

        @Override
        public void define(Stack stack, Props props) {
          stack.network(
              (props.cluster() == null ? ClusterProps.defaults() : props.cluster()).toNetwork());
          GenericService.builder("api")
              .image("ghcr.io/acme/api:1.0.0")
              .port("http", 8080)
              .httpProbe("/actuator/health", "http")
              .metrics("http", "/actuator/prometheus")
              .addTo(stack);
        }
      };

  private Synthesis synth(String environmentFile) throws Exception {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/dev.yaml"), environmentFile);
    return new Synthesizer<>(API_ONLY, project, name -> null).synthesize(List.of("dev"));
  }

  @Test
  void theClustersPrometheusIsAdmittedOnTheMetricsPortAndFindsThePods() throws Exception {
    Synthesis synthesis = synth("cluster:\n  prometheus:\n    namespace: monitoring\n");
    SynthOutput output = synthesis.outputs().get(0);

    assertThat(output.text("api.yaml"))
        .contains(
            "        - namespaceSelector:\n"
                + "            matchLabels:\n"
                + "              kubernetes.io/metadata.name: monitoring\n"
                + "          podSelector:\n"
                + "            matchLabels:\n"
                + "              app.kubernetes.io/name: prometheus\n")
        .contains("prometheus.io/scrape: \"true\"")
        .contains("prometheus.io/port: \"8080\"")
        .contains("prometheus.io/path: /actuator/prometheus");
    assertThat(synthesis.notices()).isEmpty();
  }

  @Test
  void metricsNothingMayScrapeAreNamedInANotice() throws Exception {
    Synthesis synthesis = synth("cluster: {}\n");

    assertThat(synthesis.notices())
        .singleElement()
        .asString()
        .startsWith("dev: api serves metrics at /actuator/prometheus, but nothing may scrape them")
        .contains("cluster.prometheus.namespace");
    assertThat(synthesis.outputs().get(0).text("api.yaml")).doesNotContain("prometheus.io/");
  }
}
