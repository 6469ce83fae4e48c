package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackwright.model.ConfigChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * promtool of the image's Prometheus version reads every generated prometheus.yml: the Kubernetes
 * ConfigMap's, which discovers its targets through the API, and the Compose one.
 */
class PromtoolTest {
  @TempDir Path scratch;

  /** Each environment's two files: {@code [environment, target, content]}. */
  static Stream<List<String>> generated() throws Exception {
    List<List<String>> files = new ArrayList<>();
    for (String env : List.of("dev", "staging", "prod")) {
      Path dist = InstalledTools.PROJECT.resolve("dist").resolve(env);
      files.add(
          List.of(
              env,
              "compose",
              Files.readString(dist.resolve("compose/config/prometheus/prometheus.yml"))));
      files.add(List.of(env, "kubernetes", configMapFile(dist.resolve("prometheus.yaml"))));
    }
    return files.stream();
  }

  private static String configMapFile(Path manifests) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (var parser = yaml.getFactory().createParser(manifests.toFile())) {
      for (JsonNode object : yaml.readValues(parser, JsonNode.class).readAll()) {
        if (object.path("kind").asText().equals("ConfigMap")
            && object.path("data").has("prometheus.yml")) {
          return object.path("data").path("prometheus.yml").asText();
        }
      }
    }
    throw new AssertionError("no prometheus.yml ConfigMap in " + manifests);
  }

  @ParameterizedTest
  @MethodSource("generated")
  void promtoolReadsEveryGeneratedFile(List<String> file) throws Exception {
    assertThat(check(file.get(2))).as(file.get(0) + " " + file.get(1)).isEmpty();
  }

  @Test
  void theKubernetesFileDiscoversItsTargetsThroughTheApi() throws Exception {
    // What Debian's promtool 2.42 rejects: the check is only worth something at 3.x.
    assertThat(generated().filter(f -> f.get(1).equals("kubernetes")))
        .allSatisfy(f -> assertThat(f.get(2)).contains("kubernetes_sd_configs"));
  }

  @Test
  void promtoolIsTheImagesVersion() throws Exception {
    String manifests =
        Files.readString(InstalledTools.PROJECT.resolve("dist/prod/prometheus.yaml"));
    Matcher image = Pattern.compile("image: prom/prometheus:v(\\S+)").matcher(manifests);
    assertThat(image.find()).isTrue();

    ToolRun run =
        ToolRun.run(List.of(programs().promtool().toString(), "--version"), scratch, null, scratch);

    assertThat(run.stdout() + run.stderr()).contains("version " + image.group(1) + " ");
  }

  @Test
  void anUnknownKeyIsRejected() throws Exception {
    String broken =
        configMapFile(InstalledTools.PROJECT.resolve("dist/prod/prometheus.yaml"))
            .replace("scrape_interval:", "scrape_intervall:");

    assertThat(check(broken))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.layer()).isEqualTo(Layer.PROMTOOL);
              assertThat(f.object()).isEqualTo("ConfigMap/prometheus-config");
              assertThat(f.message()).contains("scrape_intervall").contains("prometheus.yaml");
            });
  }

  @Test
  void anUnknownDiscoveryRoleIsRejected() throws Exception {
    String broken =
        configMapFile(InstalledTools.PROJECT.resolve("dist/prod/prometheus.yaml"))
            .replace("role: endpointslice", "role: endpointslices");

    assertThat(check(broken))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("unknown Kubernetes SD role"));
  }

  private List<Finding> check(String content) throws Exception {
    GeneratedConfig config =
        new GeneratedConfig(
            "prometheus",
            ConfigChecker.PROMETHEUS,
            "prometheus.yaml",
            "ConfigMap/prometheus-config",
            "data.prometheus.yml",
            content);
    return new Promtool(programs().promtool()).check(config, scratch);
  }

  private static Programs programs() {
    return InstalledTools.requirePrograms(Programs::promtoolMissing);
  }
}
