package io.stackwright.validate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every committed environment, the project's ({@code dist/<env>/}) and the example stack's ({@code
 * examples/tasks/dist/<env>/}), passes every {@link ClusterCheck} step on a real API server of the
 * Kubernetes version the manifests target. One control plane serves them all: each environment has
 * a namespace of its own.
 */
class DistOnClusterIT {
  @TempDir static Path folder;
  private static ControlPlane plane;

  @BeforeAll
  static void start() {
    plane = ControlPlane.start(ControlPlaneTools.require(), folder);
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  /** {@code dist/<env>} for each environment file of the project and of the example stack. */
  static List<Path> environments() throws IOException {
    List<Path> folders = new ArrayList<>();
    for (Path project :
        List.of(InstalledTools.PROJECT, InstalledTools.PROJECT.resolve("examples/tasks"))) {
      try (Stream<Path> files = Files.list(project.resolve("environments"))) {
        files
            .map(f -> f.getFileName().toString())
            .filter(name -> name.endsWith(".yaml"))
            .sorted()
            .forEach(
                name ->
                    folders.add(
                        project.resolve("dist").resolve(name.substring(0, name.length() - 5))));
      }
    }
    return folders;
  }

  @Test
  void everyEnvironmentIsChecked() throws IOException {
    assertThat(environments())
        .map(p -> InstalledTools.PROJECT.relativize(p).toString())
        .contains(
            "dist/dev",
            "dist/staging",
            "dist/prod",
            "examples/tasks/dist/dev",
            "examples/tasks/dist/prod");
  }

  @ParameterizedTest
  @MethodSource("environments")
  void passesOnTheApiServer(Path dist) {
    List<Manifest> manifests = Manifest.read(dist);
    long templates = manifests.stream().filter(m -> m.podFromTemplate().isPresent()).count();

    List<ClusterCheck.Step> steps = new ClusterCheck(plane.kubectl()).run(dist);

    assertThat(ClusterCheck.problems(steps)).as(dist.toString()).isEmpty();
    assertThat(steps).hasSize(6);
    // Each step went through every object: kubectl reports one line per object it handled.
    assertThat(steps.get(1).done())
        .hasSize(manifests.size())
        .allMatch(l -> l.endsWith("(server dry run)"));
    assertThat(steps.get(2).done()).hasSize(manifests.size());
    assertThat(templates).isPositive();
    assertThat(steps.get(3).done()).isNotEmpty();
    assertThat(steps.get(4).done()).hasSize((int) templates).allMatch(l -> l.startsWith("pod/"));
  }
}
