package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.SecretFile;
import io.stackwright.model.StackModel;
import io.stackwright.render.enrich.Enrichers;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the renderer puts each service's objects in its file and shares volumes between pods: every
 * service's objects are synthesized together, and a volume is made once per name and source.
 */
class KubernetesRendererTest {

  @Test
  void eachServicesObjectsGoToItsOwnFileAndSelectItsOwnPods() {
    Map<String, List<ObjectNode>> files =
        new KubernetesRenderer(Enrichers.all())
            .render(stack("render-files", "shared-credentials", "api", "worker"));

    for (String service : List.of("api", "worker")) {
      List<ObjectNode> objects = files.get(service + ".yaml");
      assertThat(objects)
          .extracting(Manifests::kind)
          .contains("ConfigMap", "Service", "Deployment", "NetworkPolicy");
      assertThat(objects)
          .allSatisfy(
              object ->
                  assertThat(object.at("/metadata/labels/app.kubernetes.io~1name").asText())
                      .isEqualTo(service));
      Map<String, String> selector =
          Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/instance", "render-files");
      assertThat(find(objects, "Service").at("/spec/selector")).isEqualTo(tree(selector));
      assertThat(find(objects, "Deployment").at("/spec/selector/matchLabels"))
          .isEqualTo(tree(selector));
    }
  }

  @Test
  void podsThatMountTheSameFilesEachGetTheirVolumes() {
    Map<String, List<ObjectNode>> files =
        new KubernetesRenderer(Enrichers.all())
            .render(stack("render-shared", "shared-credentials", "api", "worker"));

    for (String service : List.of("api", "worker")) {
      assertThat(volumes(files, service))
          .containsExactlyInAnyOrder(
              tree(
                  Map.of(
                      "name",
                      "secret-password",
                      "secret",
                      Map.of(
                          "secretName",
                          "shared-credentials",
                          "defaultMode",
                          0440,
                          "items",
                          List.of(Map.of("key", "password", "path", "password"))))),
              tree(Map.of("name", "tmp", "emptyDir", Map.of())));
    }
  }

  @Test
  void aVolumeReadsTheSecretOfItsOwnStack() {
    new KubernetesRenderer(Enrichers.all())
        .render(stack("render-first", "first-credentials", "api"));
    Map<String, List<ObjectNode>> second =
        new KubernetesRenderer(Enrichers.all())
            .render(stack("render-second", "second-credentials", "api"));

    assertThat(volumes(second, "api"))
        .anySatisfy(
            volume ->
                assertThat(volume.at("/secret/secretName").asText())
                    .isEqualTo("second-credentials"));
  }

  /** Services that each mount the same file of {@code secretName} and write to {@code /tmp}. */
  private static StackModel stack(String name, String secretName, String... services) {
    Stack stack = new Stack(name, "test", name, false);
    for (String service : services) {
      GenericService.builder(service)
          .component("api")
          .replicas(2)
          .image(ImageRef.parse("example/app:1.0"))
          .port("http", 8080)
          .env("LOG_LEVEL", "info")
          .secret(new SecretFile("password", secretName, "password"), "PASSWORD_FILE")
          .writable("/tmp")
          .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 10, 3, 3))
          .liveness(new Probe(new Probe.HttpGet("/healthz", 8080), 10, 3, 3))
          .resources(
              new Resources(
                  Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(500), Memory.mebibytes(256)))
          .runAs(10001, 10001)
          .addTo(stack);
    }
    return stack.toModel();
  }

  private static List<JsonNode> volumes(Map<String, List<ObjectNode>> files, String name) {
    List<JsonNode> volumes = new ArrayList<>();
    find(files.get(name + ".yaml"), "Deployment")
        .at("/spec/template/spec/volumes")
        .forEach(volumes::add);
    return volumes;
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(Manifests.kind(o))).findFirst().orElseThrow();
  }

  private static JsonNode tree(Object value) {
    return new ObjectMapper().valueToTree(value);
  }
}
