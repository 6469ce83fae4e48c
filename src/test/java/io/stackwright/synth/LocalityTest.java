package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.shop.ShopStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One edit of an environment file changes exactly the lines of {@code dist/} that follow from it:
 * the value where each target states it, and its cell in the environment comparison; no report, no
 * other object, no other environment.
 */
class LocalityTest {
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  @TempDir Path project;

  /**
   * An edit and the lines it must change, each as {@code path: -old} or {@code path: +new}.
   *
   * @param name what the edit is
   * @param environment the environment file edited
   * @param from text of the file to replace, which occurs once
   * @param to its replacement
   * @param changedLines every line of {@code dist/} that must change, and no other
   */
  record Edit(String name, String environment, String from, String to, Set<String> changedLines) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Edit> edits() {
    return List.of(
        new Edit(
            "backend image tag in prod",
            "prod",
            "shop-api:${BACKEND_TAG:-1.4.2}",
            "shop-api:${BACKEND_TAG:-1.5.0}",
            Set.of(
                "dist/prod/backend.yaml: -          image: ghcr.io/acme/shop-api:1.4.2",
                "dist/prod/backend.yaml: +          image: ghcr.io/acme/shop-api:1.5.0",
                "dist/prod/compose/compose.yaml: -    image: ghcr.io/acme/shop-api:1.4.2",
                "dist/prod/compose/compose.yaml: +    image: ghcr.io/acme/shop-api:1.5.0",
                "dist/ENVIRONMENTS.md: -| image | `ghcr.io/acme/shop-api:1.4.2` |"
                    + " `ghcr.io/acme/shop-api:1.4.2` | `ghcr.io/acme/shop-api:1.4.2` |",
                "dist/ENVIRONMENTS.md: +| image | `ghcr.io/acme/shop-api:1.4.2` |"
                    + " `ghcr.io/acme/shop-api:1.5.0` | `ghcr.io/acme/shop-api:1.4.2` |")),
        new Edit(
            "nginx replicas in staging",
            "staging",
            "nginx:\n  replicas: 2",
            "nginx:\n  replicas: 3",
            Set.of(
                "dist/staging/nginx.yaml: -  replicas: 2",
                "dist/staging/nginx.yaml: +  replicas: 3",
                "dist/ENVIRONMENTS.md: -| replicas | 1 | 3 | 2 |",
                "dist/ENVIRONMENTS.md: +| replicas | 1 | 3 | 3 |")),
        new Edit(
            "frontend autoscaling maximum in prod",
            "prod",
            "    maxReplicas: 6",
            "    maxReplicas: 8",
            Set.of(
                "dist/prod/frontend.yaml: -  maxReplicas: 6",
                "dist/prod/frontend.yaml: +  maxReplicas: 8",
                "dist/ENVIRONMENTS.md: -| replicas | 1 | 2–6, autoscaled at 70 % CPU | 2 |",
                "dist/ENVIRONMENTS.md: +| replicas | 1 | 2–8, autoscaled at 70 % CPU | 2 |")),
        new Edit(
            "prometheus memory in prod",
            "prod",
            "    memory: 2Gi\n    cpuLimit: \"2\"\ncluster:",
            "    memory: 3Gi\n    cpuLimit: \"2\"\ncluster:",
            Set.of(
                "dist/prod/prometheus.yaml: -              memory: 2048Mi",
                "dist/prod/prometheus.yaml: +              memory: 3072Mi",
                "dist/prod/compose/compose.yaml: -          memory: 2g",
                "dist/prod/compose/compose.yaml: +          memory: 3g",
                "dist/ENVIRONMENTS.md: -| requests | 200m CPU, 512Mi memory | 500m CPU, 2Gi memory"
                    + " | 200m CPU, 512Mi memory |",
                "dist/ENVIRONMENTS.md: +| requests | 200m CPU, 512Mi memory | 500m CPU, 3Gi memory"
                    + " | 200m CPU, 512Mi memory |",
                "dist/ENVIRONMENTS.md: -| limits | 1 CPU, 512Mi memory | 2 CPU, 2Gi memory"
                    + " | 1 CPU, 512Mi memory |",
                "dist/ENVIRONMENTS.md: +| limits | 1 CPU, 512Mi memory | 2 CPU, 3Gi memory"
                    + " | 1 CPU, 512Mi memory |")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edits")
  void anEditChangesOnlyTheLinesThatFollowFromIt(Edit edit) throws Exception {
    Files.createDirectories(project.resolve("environments"));
    try (var files = Files.list(PROJECT.resolve("environments"))) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Files.copy(source, project.resolve("environments").resolve(source.getFileName()));
      }
    }
    Map<String, String> before = dist(edit.environment());
    Path file = project.resolve("environments").resolve(edit.environment() + ".yaml");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertThat(text.indexOf(edit.from()))
        .as("occurs once")
        .isEqualTo(text.lastIndexOf(edit.from()));
    assertThat(text).contains(edit.from());
    Files.writeString(file, text.replace(edit.from(), edit.to()), StandardCharsets.UTF_8);

    Map<String, String> after = dist(edit.environment());

    assertThat(changedLines(before, after)).isEqualTo(new TreeSet<>(edit.changedLines()));
  }

  /**
   * What a synth of one environment writes: its folder and the comparison. The other folders are
   * made from files this test does not touch.
   */
  private Map<String, String> dist(String environment) throws Exception {
    Synthesizer<?> synthesizer = new Synthesizer<>(new ShopStack(), project, name -> null);
    SynthOutput output = synthesizer.renderWithoutGate(List.of(environment)).get(0);
    Map<String, String> files = new TreeMap<>();
    output
        .files()
        .keySet()
        .forEach(path -> files.put("dist/" + environment + "/" + path, output.text(path)));
    files.put("dist/" + EnvironmentComparison.FILE, synthesizer.environmentComparison());
    return files;
  }

  private static Set<String> changedLines(Map<String, String> before, Map<String, String> after) {
    Set<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    Set<String> changed = new TreeSet<>();
    for (String path : paths) {
      List<String> from = before.getOrDefault(path, "").lines().toList();
      List<String> to = after.getOrDefault(path, "").lines().toList();
      for (AbstractDelta<String> delta : DiffUtils.diff(from, to).getDeltas()) {
        delta.getSource().getLines().forEach(line -> changed.add(path + ": -" + line));
        delta.getTarget().getLines().forEach(line -> changed.add(path + ": +" + line));
      }
    }
    return changed;
  }
}
