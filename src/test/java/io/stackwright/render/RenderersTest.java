package io.stackwright.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackwright.model.ImageRef;
import io.stackwright.output.SynthOutput;
import io.stackwright.services.BackendProps;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import io.stackwright.shop.TestStacks;
import io.stackwright.synth.Synthesizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rules both renderers must follow, checked on the objects they produce. */
class RenderersTest {
  private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory());
  private static SynthOutput dev;
  private static SynthOutput prod;

  @BeforeAll
  static void synthesize() {
    dev = synth("dev");
    prod = synth("prod");
  }

  private static SynthOutput synth(String env) {
    BackendProps backend =
        new BackendProps(ImageRef.parse("ghcr.io/acme/api:1.0.0"), 2, null, null, null, null);
    return Synthesizer.render(new ShopStack().model(env, TestStacks.shop(backend)));
  }

  private static List<JsonNode> manifests(SynthOutput output) throws IOException {
    List<JsonNode> all = new ArrayList<>();
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      if (!file.getKey().contains("/") && file.getKey().endsWith(".yaml")) {
        try (var parser = YAML.getFactory().createParser(file.getValue())) {
          all.addAll(YAML.readValues(parser, JsonNode.class).readAll());
        }
      }
    }
    return all;
  }

  private static JsonNode compose(SynthOutput output) throws IOException {
    return YAML.readTree(output.text("compose/compose.yaml"));
  }

  private static JsonNode find(SynthOutput output, String kind, String name) throws IOException {
    return manifests(output).stream()
        .filter(m -> m.path("kind").asText().equals(kind))
        .filter(m -> m.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void theTypedReferenceResolvesToEachTargetsAddress() throws IOException {
    assertThat(find(prod, "ConfigMap", "backend-env").at("/data/DB_HOST").asText())
        .isEqualTo("postgres.shop-prod.svc");
    assertThat(compose(prod).at("/services/backend/environment/DB_HOST").asText())
        .isEqualTo("postgres");
  }

  @Test
  void everyPodMeetsPodSecurityRestricted() throws IOException {
    List<JsonNode> workloads = new ArrayList<>();
    List<JsonNode> podSpecs = new ArrayList<>();
    for (JsonNode m : manifests(prod)) {
      for (String path : List.of("/spec/template/spec", "/spec/jobTemplate/spec/template/spec")) {
        if (m.at(path).isObject()) {
          workloads.add(m);
          podSpecs.add(m.at(path));
        }
      }
    }
    assertThat(workloads)
        .extracting(m -> m.path("kind").asText() + "/" + m.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(
            "Deployment/backend",
            "Deployment/frontend",
            "Deployment/nginx",
            "StatefulSet/postgres",
            "StatefulSet/redis",
            "StatefulSet/prometheus",
            "CronJob/postgres-backup");
    for (int i = 0; i < podSpecs.size(); i++) {
      JsonNode spec = podSpecs.get(i);
      String name = workloads.get(i).at("/metadata/name").asText();
      assertThat(spec.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
      // Only the service that reads the API gets a token, of its own account.
      assertThat(spec.path("automountServiceAccountToken").asBoolean(true))
          .as(name)
          .isEqualTo(name.equals("prometheus"));
      assertThat(spec.path("serviceAccountName").asText())
          .isEqualTo(name.equals("prometheus") ? "prometheus" : "");
      for (JsonNode container : spec.path("containers")) {
        JsonNode sc = container.path("securityContext");
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
        assertThat(sc.path("runAsUser").asLong()).isPositive();
        assertThat(sc.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
        assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
        if (!name.endsWith("-backup")) {
          assertThat(container.has("readinessProbe")).isTrue();
          assertThat(container.has("livenessProbe")).isTrue();
        }
      }
    }
    JsonNode namespace = find(prod, "Namespace", "shop-prod");
    assertThat(namespace.at("/metadata/labels/pod-security.kubernetes.io~1enforce").asText())
        .isEqualTo("restricted");
  }

  @Test
  void servicesSelectTheirPodsByStableLabelsOnly() throws IOException {
    for (String name : List.of("backend", "postgres")) {
      JsonNode service = find(prod, "Service", name);
      JsonNode selector = service.at("/spec/selector");
      JsonNode podLabels =
          find(prod, name.equals("postgres") ? "StatefulSet" : "Deployment", name)
              .at("/spec/template/metadata/labels");
      List<String> keys = new ArrayList<>();
      selector.fieldNames().forEachRemaining(keys::add);
      assertThat(keys)
          .containsExactlyInAnyOrder("app.kubernetes.io/name", "app.kubernetes.io/instance");
      selector
          .fields()
          .forEachRemaining(
              e ->
                  assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    }
    for (byte[] file : prod.files().values()) {
      assertThat(new String(file)).doesNotContain("cdk8s.io/metadata.addr");
    }
  }

  @Test
  void secretValuesExistOnlyInDevelopment() throws IOException {
    JsonNode devSecret = find(dev, "Secret", "postgres-credentials");
    assertThat(devSecret.at("/stringData/password").asText()).startsWith("dev-only-not-secret-");
    assertThat(dev.text("compose/secrets/postgres-password")).startsWith("dev-only-not-secret-");

    assertThat(manifests(prod)).noneMatch(m -> m.path("kind").asText().equals("Secret"));
    assertThat(compose(prod).at("/secrets/postgres-password/file").asText())
        .startsWith("${POSTGRES_PASSWORD_FILE:?");
    assertThat(prod.text("compose/.env.example")).contains("\nPOSTGRES_PASSWORD_FILE=\n");
    for (byte[] file : prod.files().values()) {
      assertThat(new String(file)).doesNotContain("dev-only-not-secret");
    }
  }

  @Test
  void composeServicesAreHardenedAndStartInDependencyOrder() throws IOException {
    JsonNode services = compose(prod).path("services");
    services
        .fields()
        .forEachRemaining(
            entry -> {
              JsonNode s = entry.getValue();
              assertThat(s.path("read_only").asBoolean()).as(entry.getKey()).isTrue();
              assertThat(s.path("cap_drop").toString()).isEqualTo("[\"ALL\"]");
              assertThat(s.path("security_opt").toString()).contains("no-new-privileges:true");
              assertThat(s.path("user").asText()).matches("[1-9][0-9]*:[1-9][0-9]*");
              assertThat(s.at("/healthcheck/test/0").asText()).isEqualTo("CMD");
            });
    assertThat(services.at("/backend/depends_on/postgres/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(services.at("/backend/healthcheck/test").toString()).contains("/health/ready");
    assertThat(find(prod, "Deployment", "backend").toString()).contains("/health/ready");
  }

  @Test
  void aConfigChangeChangesThePodTemplateSoPodsRoll() throws IOException {
    BackendProps debug =
        new BackendProps(
            ImageRef.parse("ghcr.io/acme/api:1.0.0"),
            2,
            null,
            null,
            io.stackwright.services.LogLevel.DEBUG,
            null);
    SynthOutput changed = Synthesizer.render(new ShopStack().model("prod", TestStacks.shop(debug)));
    String annotation = "/spec/template/metadata/annotations/stackwright.io~1config-sha256";

    assertThat(find(changed, "Deployment", "backend").at(annotation).asText())
        .isNotBlank()
        .isNotEqualTo(find(prod, "Deployment", "backend").at(annotation).asText());
    assertThat(find(changed, "StatefulSet", "postgres").at(annotation).asText())
        .isEqualTo(find(prod, "StatefulSet", "postgres").at(annotation).asText());
  }

  @Test
  void onlyEnvironmentsNamedDevGetGeneratedSecrets() {
    ShopStack stack = new ShopStack();
    assertThat(List.of("dev", "dev-alice")).allMatch(stack::isDevelopment);
    assertThat(List.of("prod", "staging", "devel", "prod-dev", "qa"))
        .noneMatch(stack::isDevelopment);
  }

  @Test
  void outsideDevelopmentAnUnpinnedImageIsRefused() {
    for (String image : List.of("ghcr.io/acme/api", "ghcr.io/acme/api:latest")) {
      BackendProps backend = new BackendProps(ImageRef.parse(image), 1, null, null, null, null);
      ShopEnvironment props = TestStacks.shop(backend);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ShopStack().model("prod", props))
          .hasMessageContaining("backend: image " + image + " is not pinned");
      assertThat(new ShopStack().model("dev", props).development()).isTrue();
    }
  }

  @Test
  void aDevelopmentSecretHoldsEveryKeyItsServicesRead() throws IOException {
    io.stackwright.stack.Stack stack =
        new io.stackwright.stack.Stack("app", "dev", "app-dev", true);
    for (String key : List.of("username", "password")) {
      io.stackwright.services.GenericService.builder("reads-" + key)
          .component("worker")
          .image(ImageRef.parse("example/worker:1"))
          .port("http", 8080)
          .secret(
              new io.stackwright.model.SecretFile("db-" + key, "db-credentials", key),
              "DB_" + key.toUpperCase(java.util.Locale.ROOT) + "_FILE")
          .readiness(probe())
          .liveness(probe())
          .resources(BackendProps.DEFAULT_RESOURCES)
          .addTo(stack);
    }

    JsonNode secret = find(Synthesizer.render(stack.toModel()), "Secret", "db-credentials");

    assertThat(secret.at("/stringData/username").asText())
        .isEqualTo("dev-only-not-secret-db-username");
    assertThat(secret.at("/stringData/password").asText())
        .isEqualTo("dev-only-not-secret-db-password");
  }

  private static io.stackwright.model.Probe probe() {
    return new io.stackwright.model.Probe(
        new io.stackwright.model.Probe.HttpGet("/ready", 8080), 10, 3, 3);
  }

  @Test
  void theNamespaceFileSortsFirst() {
    assertThat(prod.files().firstKey()).isEqualTo("00-namespace.yaml");
    assertThat(dev.files().keySet()).contains("01-dev-secrets.yaml");
  }
}
