package io.stackwright.render.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.ImageRef;
import io.stackwright.output.SynthOutput;
import io.stackwright.services.GenericService;
import io.stackwright.stack.ProberStacks;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A service whose image has no {@code wget} gets, in Compose only, a prober beside it that tests
 * its readiness, and what depends on it waits for the prober.
 */
class ComposeProberTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  private static JsonNode compose(SynthOutput output) throws IOException {
    return YAML.readTree(output.text(ComposeRenderer.COMPOSE_FILE));
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.asText()));
    return out;
  }

  private static SynthOutput render(ComposeHealthCheck check) {
    return Synthesizer.render(ProberStacks.model(false, check));
  }

  @Test
  void theProberTestsTheReadinessProbeFromBesideTheService() throws IOException {
    JsonNode services = compose(render(ComposeHealthCheck.prober())).path("services");
    JsonNode prober = services.path("api-ready");

    assertThat(prober.path("image").asText()).isEqualTo("busybox:1.37.0");
    assertThat(texts(prober.path("healthcheck").path("test")))
        .containsExactly("CMD", "wget", "-q", "-O", "/dev/null", "http://api:8080/health/ready");
    assertThat(prober.path("healthcheck").path("interval").asText()).isEqualTo("10s");
    assertThat(prober.path("healthcheck").path("timeout").asText()).isEqualTo("3s");
    assertThat(prober.path("healthcheck").path("retries").asInt()).isEqualTo(3);
    assertThat(prober.path("healthcheck").path("start_period").asText()).isEqualTo("30s");
    assertThat(prober.at("/labels/stackwright.io~1readiness-of").asText()).isEqualTo("api");
    assertThat(texts(prober.path("entrypoint"))).containsExactly("sleep", "2147483647");
    assertThat(prober.path("init").asBoolean()).isTrue();
    assertThat(prober.at("/depends_on/api/condition").asText()).isEqualTo("service_started");
    // The service's own check would never pass: it has no wget.
    assertThat(services.at("/api/healthcheck/disable").asBoolean()).isTrue();
    assertThat(services.at("/api/healthcheck/test").isMissingNode()).isTrue();
  }

  @Test
  void theProberIsConfinedAndReachesTheServiceAlone() throws IOException {
    JsonNode compose = compose(render(ComposeHealthCheck.prober()));
    JsonNode prober = compose.at("/services/api-ready");

    assertThat(prober.path("user").asText()).isEqualTo("65534:65534");
    assertThat(prober.path("read_only").asBoolean()).isTrue();
    assertThat(texts(prober.path("cap_drop"))).containsExactly("ALL");
    assertThat(texts(prober.path("security_opt"))).containsExactly("no-new-privileges:true");
    assertThat(prober.at("/deploy/resources/limits/memory").asText()).isEqualTo("16m");
    assertThat(prober.at("/deploy/resources/limits/cpus").asText()).isEqualTo("0.1");
    assertThat(prober.has("ports")).isFalse();
    assertThat(texts(prober.path("networks"))).containsExactly("api-ready-to-api");
    assertThat(texts(compose.at("/services/api/networks"))).contains("api-ready-to-api");
    assertThat(texts(compose.at("/services/edge/networks"))).doesNotContain("api-ready-to-api");
    assertThat(compose.at("/networks/api-ready-to-api/internal").asBoolean()).isTrue();
  }

  @Test
  void aDependentWaitsForTheProberToBeHealthy() throws IOException {
    JsonNode dependsOn =
        compose(render(ComposeHealthCheck.prober())).at("/services/edge/depends_on");

    assertThat(dependsOn.at("/api-ready/condition").asText()).isEqualTo("service_healthy");
    assertThat(dependsOn.at("/api/condition").asText()).isEqualTo("service_started");
    assertThat(dependsOn.at("/api/restart").asBoolean()).isTrue();
  }

  @Test
  void kubernetesIsTheSameEitherWay() {
    SynthOutput inContainer = render(ComposeHealthCheck.IN_CONTAINER);
    SynthOutput prober = render(ComposeHealthCheck.prober());

    assertThat(kubernetesFiles(prober)).isEqualTo(kubernetesFiles(inContainer)).isNotEmpty();
    assertThat(prober.text("api.yaml")).contains("path: /health/ready");
    assertThat(prober.text("api.yaml")).doesNotContain("busybox").doesNotContain("api-ready");
  }

  @Test
  void theDefaultTestsInsideTheContainerAndHasNoProber() throws IOException {
    JsonNode compose = compose(render(ComposeHealthCheck.IN_CONTAINER));

    assertThat(compose.at("/services/api-ready").isMissingNode()).isTrue();
    assertThat(texts(compose.at("/services/api/healthcheck/test")))
        .containsExactly(
            "CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health/ready");
    assertThat(compose.at("/services/edge/depends_on/api/condition").asText())
        .isEqualTo("service_healthy");
    assertThat(compose.at("/networks/api-ready-to-api").isMissingNode()).isTrue();
  }

  @Test
  void aProberOfOnesOwnImageAndProfileFollowTheService() throws IOException {
    Stack stack = new Stack("tools", "dev", "tools-dev", true);
    GenericService.builder("admin")
        .image("ghcr.io/acme/admin:1.0.0")
        .port("http", 9000)
        .httpProbe("/ready", "http")
        .composeOnly("devtools")
        .composeHealthCheck(
            ComposeHealthCheck.prober(ImageRef.parse("registry.example/mirror/busybox:1.37.0")))
        .addTo(stack);

    JsonNode prober = compose(Synthesizer.render(stack.toModel())).at("/services/admin-ready");

    assertThat(prober.path("image").asText()).isEqualTo("registry.example/mirror/busybox:1.37.0");
    assertThat(texts(prober.path("profiles"))).containsExactly("devtools");
    assertThat(texts(prober.at("/healthcheck/test"))).contains("http://admin:9000/ready");
  }

  @Test
  void aComposePatchMayChangeTheProber() throws IOException {
    Stack stack = new Stack("jib", "dev", "jib-dev", true);
    GenericService.builder("api")
        .image("ghcr.io/acme/api:1.0.0")
        .port("http", 8080)
        .httpProbe("/health/ready", "http")
        .composeHealthCheck(ComposeHealthCheck.prober())
        .addTo(stack);
    stack.patchCompose("api-ready", service -> service.put("stop_grace_period", "1s"));

    JsonNode prober = compose(Synthesizer.render(stack.toModel())).at("/services/api-ready");

    assertThat(prober.path("stop_grace_period").asText()).isEqualTo("1s");
  }

  private static Map<String, String> kubernetesFiles(SynthOutput output) {
    Map<String, String> files = new TreeMap<>();
    output
        .files()
        .forEach(
            (path, bytes) -> {
              if (!path.contains("/") && path.endsWith(".yaml")) {
                files.put(path, new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
              }
            });
    return files;
  }
}
