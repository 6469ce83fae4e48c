package io.stackwright.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Probe;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.services.Backend;
import io.stackwright.services.BackendProps;
import io.stackwright.services.DevToolsProps;
import io.stackwright.services.Frontend;
import io.stackwright.services.FrontendProps;
import io.stackwright.services.GenericService;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresProps;
import io.stackwright.services.Prometheus;
import io.stackwright.services.PrometheusProps;
import io.stackwright.services.Redis;
import io.stackwright.services.RedisProps;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of the service catalog, on the project's own environment files. */
class ShopStackTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));
  private static Map<String, SynthOutput> outputs;

  @BeforeAll
  static void synthesize() throws Exception {
    outputs = new java.util.TreeMap<>();
    for (SynthOutput output :
        new Synthesizer<>(new ShopStack(), PROJECT, name -> null)
            .renderWithoutGate(List.of("dev", "staging", "prod"))) {
      outputs.put(output.environment(), output);
    }
  }

  private static List<JsonNode> objects(String env) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : outputs.get(env).files().entrySet()) {
      if (!file.getKey().contains("/") && file.getKey().endsWith(".yaml")) {
        try (var parser = YAML.getFactory().createParser(file.getValue())) {
          all.addAll(YAML.readValues(parser, JsonNode.class).readAll());
        }
      }
    }
    return all;
  }

  private static Set<String> names(String env, String kind) throws IOException {
    Set<String> names = new TreeSet<>();
    for (JsonNode object : objects(env)) {
      if (object.path("kind").asText().equals(kind)) {
        names.add(object.at("/metadata/name").asText());
      }
    }
    return names;
  }

  private static JsonNode compose(String env) throws IOException {
    return YAML.readTree(outputs.get(env).files().get(ComposeRenderer.COMPOSE_FILE));
  }

  private static String configMapFile(String env, String configMap, String key) throws IOException {
    for (JsonNode object : objects(env)) {
      if (object.path("kind").asText().equals("ConfigMap")
          && object.at("/metadata/name").asText().equals(configMap)) {
        return object.path("data").path(key).asText();
      }
    }
    throw new AssertionError("no ConfigMap " + configMap);
  }

  @Test
  void stagingAndProdRunReplicatedStatelessTiersWithBudgetsAndDevNone() throws IOException {
    assertThat(names("prod", "HorizontalPodAutoscaler")).containsExactly("backend", "frontend");
    for (String env : List.of("staging", "prod")) {
      assertThat(names(env, "PodDisruptionBudget"))
          .as(env)
          .containsExactlyInAnyOrder("backend", "frontend", "nginx");
    }
    assertThat(names("dev", "PodDisruptionBudget")).isEmpty();
    assertThat(names("dev", "HorizontalPodAutoscaler")).isEmpty();
  }

  @Test
  void backupsRunOutsideDevelopmentOnly() throws IOException {
    assertThat(names("prod", "CronJob")).containsExactly("postgres-backup");
    assertThat(names("staging", "CronJob")).containsExactly("postgres-backup");
    assertThat(names("dev", "CronJob")).isEmpty();
    assertThat(names("prod", "PersistentVolumeClaim")).containsExactly("postgres-backup");
  }

  @Test
  void everyNamespaceDeniesByDefaultAndEveryWorkloadHasItsPolicy() throws IOException {
    for (String env : outputs.keySet()) {
      Set<String> expected = new TreeSet<>(names(env, "Deployment"));
      expected.addAll(names(env, "StatefulSet"));
      expected.addAll(names(env, "CronJob"));
      expected.add("default-deny");
      assertThat(names(env, "NetworkPolicy")).as(env).isEqualTo(expected);
    }
  }

  @Test
  void onlyTheEdgePublishesAPortAndDevToolsAreOptInInDevOnly() throws IOException {
    for (String env : outputs.keySet()) {
      JsonNode services = compose(env).path("services");
      List<String> published = new ArrayList<>();
      services
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().has("ports") && !e.getValue().has("profiles")) {
                  published.add(e.getKey());
                }
                e.getValue()
                    .path("ports")
                    .forEach(p -> assertThat(p.asText()).startsWith("127.0.0.1:"));
              });
      assertThat(published).as(env).containsExactly("nginx");
      Set<String> tools = new TreeSet<>();
      services
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().has("profiles")) {
                  tools.add(e.getKey());
                }
              });
      assertThat(tools)
          .as(env)
          .isEqualTo(env.equals("dev") ? Set.of("database-ui", "redis-ui") : Set.of());
    }
  }

  @Test
  void theFileRedisMakesFromItsPasswordNeverReachesADisk() throws IOException {
    JsonNode redis =
        objects("prod").stream()
            .filter(o -> o.at("/metadata/name").asText().equals("redis"))
            .filter(o -> o.path("kind").asText().equals("StatefulSet"))
            .findFirst()
            .orElseThrow();
    JsonNode tmp = null;
    for (JsonNode volume : redis.at("/spec/template/spec/volumes")) {
      if (volume.path("name").asText().equals("tmp")) {
        tmp = volume;
      }
    }
    assertThat(tmp).isNotNull();
    assertThat(tmp.at("/emptyDir/medium").asText()).isEqualTo("Memory");
    assertThat(compose("prod").at("/services/redis/tmpfs/0").asText()).isEqualTo("/tmp:size=16m");
  }

  @Test
  void aWritableRootFilesystemIsRareAndAlwaysSaysWhy() throws IOException {
    for (String env : outputs.keySet()) {
      List<String> writable = new ArrayList<>();
      compose(env)
          .path("services")
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getValue().path("read_only").asBoolean()) {
                  writable.add(e.getKey());
                  assertThat(
                          e.getValue().at("/labels/stackwright.io~1writable-root-reason").asText())
                      .isNotBlank();
                }
              });
      assertThat(writable).as(env).isEqualTo(env.equals("dev") ? List.of("redis-ui") : List.of());
    }
    assertThatThrownBy(() -> new io.stackwright.model.ContainerSecurity(10001, 10001, " "))
        .hasMessageContaining("needs a reason");
  }

  @Test
  void outsideDevelopmentAStatelessTierRunsAtLeastTwoReplicas() {
    ShopEnvironment one = TestStacks.shop(backend(1));

    assertThatThrownBy(() -> new ShopStack().model("prod", one))
        .isInstanceOf(InvalidPropException.class)
        .hasMessageContaining("backend: outside development a stateless service runs at least 2")
        .extracting(e -> ((InvalidPropException) e).key())
        .isEqualTo("backend.replicas");
    assertThat(new ShopStack().model("dev", one).development()).isTrue();
    assertThat(new ShopStack().model("prod", TestStacks.shop(backend(2)))).isNotNull();
  }

  @Test
  void outsideDevelopmentAnIngressNeedsTls() {
    io.stackwright.services.NginxProps plain =
        new io.stackwright.services.NginxProps(
            null,
            2,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new io.stackwright.services.IngressProps("shop.example.com", null, null, null),
            List.of("10.0.0.0/16"));
    ShopEnvironment props = TestStacks.shop(backend(2), plain, TestStacks.CLUSTER);

    assertThatThrownBy(() -> new ShopStack().model("staging", props))
        .isInstanceOf(InvalidPropException.class)
        .hasMessageContaining("the Ingress for shop.example.com needs TLS")
        .extracting(e -> ((InvalidPropException) e).key())
        .isEqualTo("nginx.ingress.tlsSecret");
  }

  @Test
  void outsideDevelopmentPrometheusReachesOnlyTheApiServersAddresses() throws IOException {
    ShopEnvironment noCidrs = TestStacks.shop(backend(2), TestStacks.NGINX, null);

    assertThatThrownBy(() -> new ShopStack().model("prod", noCidrs))
        .isInstanceOf(InvalidPropException.class)
        .extracting(e -> ((InvalidPropException) e).hint())
        .asString()
        .contains("set cluster.apiServerCidrs");
    for (JsonNode object : objects("prod")) {
      if (object.path("kind").asText().equals("NetworkPolicy")) {
        assertThat(object.toString()).as("no policy opens the world").doesNotContain("0.0.0.0/0");
      }
    }
  }

  @Test
  void replicasAndAutoscalingTogetherAreRefused() {
    assertThatThrownBy(
            () ->
                new BackendProps(
                    ImageRef.parse("ghcr.io/acme/api:1.0.0"),
                    4,
                    new io.stackwright.services.AutoscalingProps(1, 6, null),
                    null,
                    null,
                    null))
        .isInstanceOf(io.stackwright.env.InvalidPropException.class)
        .hasMessageContaining("replicas and autoscaling are both set");
  }

  @Test
  void moreConnectionsThanTheMemoryHoldsAreRefused() {
    assertThatThrownBy(
            () ->
                new PostgresProps(
                    null,
                    null,
                    null,
                    null,
                    null,
                    new io.stackwright.services.ResourcesProps(
                        null, io.stackwright.model.Memory.mebibytes(256), null, null),
                    null,
                    5000,
                    null))
        .hasMessageContaining("5000 connections do not fit in a memory limit of 256Mi")
        .satisfies(
            e ->
                assertThat(((io.stackwright.env.InvalidPropException) e).hint())
                    .contains("at most 96"));
  }

  private static BackendProps backend(int replicas) {
    return new BackendProps(
        ImageRef.parse("ghcr.io/acme/api:1.0.0"), replicas, null, null, null, null);
  }

  /** Every label set a pod of the environment carries, Deployments, StatefulSets and CronJobs. */
  private static List<JsonNode> podLabels(String env) throws IOException {
    List<JsonNode> labels = new ArrayList<>();
    for (JsonNode object : objects(env)) {
      for (String path :
          List.of(
              "/spec/template/metadata/labels",
              "/spec/jobTemplate/spec/template/metadata/labels")) {
        if (object.at(path).isObject()) {
          labels.add(object.at(path));
        }
      }
    }
    return labels;
  }

  private static boolean selects(JsonNode matchLabels, List<JsonNode> pods) {
    return pods.stream()
        .anyMatch(
            pod -> {
              var fields = matchLabels.fields();
              while (fields.hasNext()) {
                var entry = fields.next();
                if (!pod.path(entry.getKey()).asText().equals(entry.getValue().asText())) {
                  return false;
                }
              }
              return true;
            });
  }

  @Test
  void everyPolicySelectorAndPeerSelectsPodsThatExist() throws IOException {
    for (String env : outputs.keySet()) {
      List<JsonNode> pods = podLabels(env);
      for (JsonNode policy : objects(env)) {
        if (!policy.path("kind").asText().equals("NetworkPolicy")
            || policy.at("/metadata/name").asText().equals("default-deny")) {
          continue;
        }
        String name = env + " NetworkPolicy " + policy.at("/metadata/name").asText();
        assertThat(selects(policy.at("/spec/podSelector/matchLabels"), pods)).as(name).isTrue();
        for (String direction : List.of("ingress", "egress")) {
          for (JsonNode rule : policy.at("/spec/" + direction)) {
            for (JsonNode peer : rule.path(direction.equals("ingress") ? "from" : "to")) {
              if (peer.has("podSelector") && !peer.has("namespaceSelector")) {
                assertThat(selects(peer.at("/podSelector/matchLabels"), pods))
                    .as(name + " " + direction + " peer " + peer)
                    .isTrue();
              }
            }
          }
        }
      }
    }
  }

  @Test
  void everyStartupProbeAllowsSeveralAttempts() throws IOException {
    for (String env : outputs.keySet()) {
      for (JsonNode object : objects(env)) {
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
          assertThat(container.at("/startupProbe/failureThreshold").asInt())
              .as(env + " " + object.at("/metadata/name").asText())
              .isGreaterThanOrEqualTo(3);
        }
      }
    }
  }

  @Test
  void composeGetsEveryDollarOfAScriptLiterally() throws IOException {
    String file =
        new String(
            outputs.get("prod").files().get(ComposeRenderer.COMPOSE_FILE),
            java.nio.charset.StandardCharsets.UTF_8);
    JsonNode redis = compose("prod").at("/services/redis");
    String script = redis.at("/entrypoint/2").asText();

    assertThat(script).contains("$$(cat").contains("\"$$password\"").doesNotContain(" $password");
    assertThat(redis.at("/healthcheck/test/3").asText()).startsWith("REDISCLI_AUTH=\"$$(cat");
    // Only the secret file variables are left for Compose to interpolate.
    assertThat(file.replace("$$", "").split("\\$", -1)).hasSize(3);
  }

  @Test
  void devToolsInAnotherEnvironmentAreRefused() {
    ShopEnvironment props =
        new ShopEnvironment(
            null,
            new BackendProps(
                ImageRef.parse("ghcr.io/acme/api:1.0.0"), null, null, null, null, null),
            new FrontendProps(ImageRef.parse("ghcr.io/acme/web:1.0.0"), null, null, null),
            null,
            null,
            null,
            null,
            new DevToolsProps(null, null, null, null),
            null,
            null);

    assertThatThrownBy(() -> new ShopStack().model("prod", props))
        .isInstanceOf(InvalidPropException.class)
        .hasMessageContaining("development environments")
        .extracting(e -> ((InvalidPropException) e).key())
        .isEqualTo("devTools");
  }

  @Test
  void configFilesFollowTheMemoryLimits() throws IOException {
    // prod: postgres 4Gi, redis 2Gi
    String postgresql = configMapFile("prod", "postgres-config", "postgresql.conf");
    assertThat(postgresql)
        .contains("shared_buffers = 1GB")
        .contains("effective_cache_size = 3GB")
        .contains("max_connections = 200");
    assertThat(configMapFile("prod", "redis-config", "redis.conf"))
        .contains("maxmemory 1536mb")
        .contains("maxmemory-policy volatile-lru")
        .contains("appendfsync everysec");
    assertThat(configMapFile("staging", "redis-config", "redis.conf"))
        .contains("maxmemory 384mb")
        .contains("maxmemory-policy allkeys-lru");
    // Compose mounts the same file.
    assertThat(
            new String(
                outputs.get("prod").files().get("compose/config/postgres/postgresql.conf"),
                java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(postgresql);
  }

  @Test
  void prometheusScrapesExactlyTheServicesThatExposeMetrics() throws IOException {
    Stack stack = new Stack("s", "dev", "s-dev", true);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    Redis redis = new Redis(stack, RedisProps.defaults());
    new Backend(
        stack,
        new BackendProps(ImageRef.parse("ghcr.io/acme/api:1.0.0"), null, null, null, null, null),
        postgres,
        redis);
    new Frontend(
        stack, new FrontendProps(ImageRef.parse("ghcr.io/acme/web:1.0.0"), null, null, null));
    Probe probe = new Probe(new Probe.HttpGet("/", 9000), 10, 1, 1);
    GenericService.builder("worker")
        .component("worker")
        .image(ImageRef.parse("ghcr.io/acme/worker:1.0.0"))
        .port("metrics", 9000)
        .metrics("metrics", "/stats")
        .readiness(probe)
        .liveness(probe)
        .resources(FrontendProps.DEFAULT_RESOURCES)
        .addTo(stack);
    new Prometheus(stack, PrometheusProps.defaults());
    StackModel model = stack.toModel();

    ConfigFile config = model.service("prometheus").configFiles().get(0);
    JsonNode compose = YAML.readTree(config.compose());
    JsonNode kubernetes = YAML.readTree(config.kubernetes());
    for (JsonNode prometheusYml : List.of(compose, kubernetes)) {
      Set<String> jobs = new TreeSet<>();
      prometheusYml.path("scrape_configs").forEach(job -> jobs.add(job.path("job_name").asText()));
      assertThat(jobs).containsExactlyInAnyOrder("prometheus", "backend", "worker");
    }
    assertThat(config.compose()).contains("worker:9000").contains("/stats");
    assertThat(config.kubernetes()).contains("worker;metrics").contains("s-dev");
  }
}
