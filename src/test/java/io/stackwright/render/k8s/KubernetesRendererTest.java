package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.SecretFile;
import io.stackwright.model.StackModel;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
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
    Map<String, List<Map<String, Object>>> files =
        new KubernetesRenderer()
            .render(stack("render-files", "shared-credentials", "api", "worker"));

    for (String service : List.of("api", "worker")) {
      List<Map<String, Object>> objects = files.get(service + ".yaml");
      assertThat(objects)
          .extracting(Manifests::kind)
          .contains("ConfigMap", "Service", "Deployment", "NetworkPolicy");
      assertThat(objects)
          .allSatisfy(
              object ->
                  assertThat(at(object, "metadata", "labels", "app.kubernetes.io/name"))
                      .isEqualTo(service));
      Map<String, String> selector =
          Map.of("app.kubernetes.io/name", service, "app.kubernetes.io/instance", "render-files");
      assertThat(at(find(objects, "Service"), "spec", "selector")).isEqualTo(selector);
      assertThat(at(find(objects, "Deployment"), "spec", "selector", "matchLabels"))
          .isEqualTo(selector);
    }
  }

  @Test
  void podsThatMountTheSameFilesEachGetTheirVolumes() {
    Map<String, List<Map<String, Object>>> files =
        new KubernetesRenderer()
            .render(stack("render-shared", "shared-credentials", "api", "worker"));

    for (String service : List.of("api", "worker")) {
      assertThat(volumes(files, service))
          .containsExactlyInAnyOrder(
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
                      List.of(Map.of("key", "password", "path", "password")))),
              Map.of("name", "tmp", "emptyDir", Map.of()));
    }
  }

  @Test
  void aVolumeReadsTheSecretOfItsOwnStack() {
    new KubernetesRenderer().render(stack("render-first", "first-credentials", "api"));
    Map<String, List<Map<String, Object>>> second =
        new KubernetesRenderer().render(stack("render-second", "second-credentials", "api"));

    assertThat(volumes(second, "api"))
        .anySatisfy(
            volume ->
                assertThat(at(volume, "secret", "secretName")).isEqualTo("second-credentials"));
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

  @SuppressWarnings("unchecked")
  private static List<Object> volumes(Map<String, List<Map<String, Object>>> files, String name) {
    return (List<Object>)
        at(find(files.get(name + ".yaml"), "Deployment"), "spec", "template", "spec", "volumes");
  }

  private static Map<String, Object> find(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(Manifests.kind(o))).findFirst().orElseThrow();
  }

  private static Object at(Object node, String... keys) {
    for (String key : keys) {
      node = node instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return node;
  }
}
