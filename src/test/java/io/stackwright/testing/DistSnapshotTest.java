package io.stackwright.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.cli.CliRun;
import io.stackwright.cli.Main;
import io.stackwright.shop.ShopStack;
import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot test a project of one's own runs: it passes on a current {@code dist/}, fails on a
 * stale or missing one, and says which fix applies.
 */
class DistSnapshotTest {
  @TempDir Path project;

  @BeforeEach
  void aProjectWithItsDistWritten() throws IOException {
    Path environments = Files.createDirectories(project.resolve("environments"));
    for (String env : new String[] {"dev", "prod"}) {
      Files.copy(
          InstalledTools.PROJECT.resolve("environments").resolve(env + ".yaml"),
          environments.resolve(env + ".yaml"));
    }
    // The build's tools, as the project's own .tools/.
    Files.createSymbolicLink(
        project.resolve(".tools"), InstalledTools.PROJECT.resolve(".tools").toAbsolutePath());
    int code = CliRun.synth(new ShopStack(), project, "all").code();
    if (code != Main.OK) {
      throw new IllegalStateException("the shop's synth failed: " + code);
    }
  }

  @Test
  void aCurrentDistPassesEveryLayer() {
    InstalledTools.requireAllPrograms();

    assertThatCode(() -> DistSnapshot.assertCurrent(new ShopStack(), project))
        .doesNotThrowAnyException();
  }

  @Test
  void aChangedEnvironmentFileMakesItStaleWithTheDiffAndTheSynthToRun() throws IOException {
    Path prod = project.resolve("environments/prod.yaml");
    Files.writeString(
        prod, Files.readString(prod).replaceFirst("  replicas: 3\n", "  replicas: 4\n"));

    assertThatThrownBy(() -> DistSnapshot.assertCurrent(new ShopStack(), project))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("replicas: 4")
        .hasMessageContaining("diff: a synth would change")
        .hasMessageContaining("synthesize it with mvn -q compile exec:java -Denv=all");
  }

  @Test
  void aBadEnvironmentFileSaysToFixIt() throws IOException {
    Files.writeString(project.resolve("environments/dev.yaml"), "replcas: 3\n");

    assertThatThrownBy(() -> DistSnapshot.assertCurrent(new ShopStack(), project))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("environments/dev.yaml:1:1")
        .hasMessageContaining("is bad input: fix what is named above")
        .message()
        .doesNotContain("synthesize it with");
  }

  @Test
  void aMissingDistSaysToSynthesizeIt() throws IOException {
    try (var paths = Files.walk(project.resolve("dist"))) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }

    assertThatThrownBy(() -> DistSnapshot.assertCurrent(new ShopStack(), project))
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "dist/ is missing: synthesize it with mvn -q compile exec:java -Denv=all and commit"
                + " it");
  }
}
