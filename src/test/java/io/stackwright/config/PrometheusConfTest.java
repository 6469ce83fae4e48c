package io.stackwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackwright.env.InvalidPropException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusConfTest {

  private static final ScrapeTarget BACKEND =
      new ScrapeTarget("backend", "backend", 8080, "http", "/metrics");
  private static final ScrapeTarget WORKER =
      new ScrapeTarget("worker", "worker", 9100, "metrics", "/internal/metrics");

  @Test
  void composeHasExactlyOneJobPerTargetPlusItself() throws Exception {
    JsonNode conf = read(PrometheusConf.compose(15, List.of(BACKEND, WORKER)));

    assertThat(jobNames(conf)).containsExactly("prometheus", "backend", "worker");
    JsonNode worker = job(conf, "worker");
    assertThat(worker.at("/metrics_path").asText()).isEqualTo("/internal/metrics");
    assertThat(worker.at("/static_configs/0/targets/0").asText()).isEqualTo("worker:9100");
    assertThat(worker.at("/static_configs/0/labels/service").asText()).isEqualTo("worker");
    assertThat(job(conf, "prometheus").at("/static_configs/0/targets/0").asText())
        .isEqualTo("localhost:9090");
  }

  @Test
  void withoutTargetsPrometheusScrapesOnlyItself() throws Exception {
    assertThat(jobNames(read(PrometheusConf.compose(15, List.of())))).containsExactly("prometheus");
    assertThat(jobNames(read(PrometheusConf.kubernetes("shop", 15, List.of()))))
        .containsExactly("prometheus");
  }

  @Test
  void kubernetesDiscoversEndpointSlicesOfTheNamespaceAndKeepsTheServiceSNamedPort()
      throws Exception {
    JsonNode conf = read(PrometheusConf.kubernetes("shop-prod", 30, List.of(BACKEND, WORKER)));

    assertThat(jobNames(conf)).containsExactly("prometheus", "backend", "worker");
    JsonNode backend = job(conf, "backend");
    assertThat(backend.at("/metrics_path").asText()).isEqualTo("/metrics");
    JsonNode sd = backend.at("/kubernetes_sd_configs");
    assertThat(sd.size()).isEqualTo(1);
    assertThat(sd.at("/0/role").asText()).isEqualTo("endpointslice");
    assertThat(texts(sd.at("/0/namespaces/names"))).containsExactly("shop-prod");

    JsonNode relabel = backend.at("/relabel_configs");
    assertThat(relabel.at("/0/action").asText()).isEqualTo("keep");
    assertThat(texts(relabel.at("/0/source_labels")))
        .containsExactly(
            "__meta_kubernetes_service_name", "__meta_kubernetes_endpointslice_port_name");
    assertThat(relabel.at("/0/regex").asText()).isEqualTo("backend;http");
    assertThat(job(conf, "worker").at("/relabel_configs/0/regex").asText())
        .isEqualTo("worker;metrics");

    List<String> labels = new ArrayList<>();
    for (JsonNode rule : relabel) {
      if (rule.has("target_label")) {
        labels.add(rule.get("target_label").asText() + "<-" + rule.at("/source_labels/0").asText());
      }
    }
    assertThat(labels)
        .containsExactly(
            "namespace<-__meta_kubernetes_namespace",
            "service<-__meta_kubernetes_service_name",
            "pod<-__meta_kubernetes_pod_name");
  }

  @Test
  void theRoleGrantsListAndWatchOnWhatTheEndpointSliceRoleWatchesAndNothingElse() {
    assertThat(PrometheusConf.RBAC_RULES)
        .containsExactly(
            new RbacRule(List.of(""), List.of("pods", "services"), List.of("list", "watch")),
            new RbacRule(
                List.of("discovery.k8s.io"), List.of("endpointslices"), List.of("list", "watch")));
  }

  @ParameterizedTest
  @CsvSource({"5, 5s", "10, 10s", "15, 10s", "60, 10s"})
  void theTimeoutNeverExceedsTheInterval(int interval, String timeout) throws Exception {
    JsonNode global = read(PrometheusConf.compose(interval, List.of(BACKEND))).get("global");

    assertThat(global.get("scrape_interval").asText()).isEqualTo(interval + "s");
    assertThat(global.get("evaluation_interval").asText()).isEqualTo(interval + "s");
    assertThat(global.get("scrape_timeout").asText()).isEqualTo(timeout);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4, 3601})
  void intervalsOutOfRangeAreRejected(int interval) {
    assertThatThrownBy(() -> PrometheusConf.compose(interval, List.of()))
        .isInstanceOfSatisfying(
            InvalidPropException.class,
            e -> assertThat(e.key()).isEqualTo("scrapeIntervalSeconds"));
  }

  @Test
  void jobNamesMustBeDistinct() {
    ScrapeTarget again = new ScrapeTarget("backend", "other", 8080, "http", "/metrics");

    assertThatThrownBy(() -> PrometheusConf.compose(15, List.of(BACKEND, again)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("backend");
  }

  @Test
  void theNamespaceMustBeADnsLabel() {
    assertThatThrownBy(() -> PrometheusConf.kubernetes("Shop Prod", 15, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "prometheus | backend | 8080 | http | /metrics | job",
        "Backend | backend | 8080 | http | /metrics | job",
        "backend | backend.svc | 8080 | http | /metrics | service",
        "backend | backend | 0 | http | /metrics | port",
        "backend | backend | 8080 | http-metrics-port | /metrics | portName",
        "backend | backend | 8080 | 8080 | /metrics | portName",
        "backend | backend | 8080 | http--m | /metrics | portName",
        "backend | backend | 8080 | http | metrics | metricsPath",
        "backend | backend | 8080 | http | /metrics?x=1 | metricsPath",
      })
  void targetValuesAreChecked(
      String job, String service, int port, String portName, String path, String key) {
    assertThatThrownBy(() -> new ScrapeTarget(job, service, port, portName, path))
        .isInstanceOfSatisfying(
            InvalidPropException.class, e -> assertThat(e.key()).isEqualTo(key));
  }

  @Test
  void wholeComposeFile() {
    assertThat(PrometheusConf.compose(15, List.of(BACKEND)))
        .isEqualTo(Golden.read("prometheus-compose.yml"))
        .startsWith("# prometheus.yml, generated by Stackwright")
        .endsWith("\n");
  }

  @Test
  void wholeKubernetesFile() {
    assertThat(PrometheusConf.kubernetes("shop-prod", 15, List.of(BACKEND)))
        .isEqualTo(Golden.read("prometheus-kubernetes.yml"))
        .endsWith("\n");
  }

  private static JsonNode read(String yaml) throws Exception {
    return new YAMLMapper().readTree(yaml);
  }

  private static List<String> jobNames(JsonNode conf) {
    List<String> names = new ArrayList<>();
    conf.get("scrape_configs").forEach(j -> names.add(j.get("job_name").asText()));
    return names;
  }

  private static JsonNode job(JsonNode conf, String name) {
    for (JsonNode job : conf.get("scrape_configs")) {
      if (job.get("job_name").asText().equals(name)) {
        return job;
      }
    }
    throw new AssertionError("no job " + name + " in " + conf);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
