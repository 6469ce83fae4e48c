package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.report.EnvironmentComparison;
import io.stackwright.shop.ShopStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed {@code dist/<env>/} of every environment file, reports included, and {@code
 * dist/ENVIRONMENTS.md} are exactly what a fresh synth produces. Synthesized with no variables set,
 * so that the snapshot holds the files' defaults.
 */
class CommittedDistTest {
  static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  private static final Snapshots SNAPSHOTS =
      new Snapshots(new ShopStack(), PROJECT, "dist", "mvn -q compile exec:java -Denv=all");

  static List<String> environments() {
    return SNAPSHOTS.environments();
  }

  @Test
  void distHoldsAFolderForEveryEnvironmentAndNoOther() throws IOException {
    SNAPSHOTS.assertAFolderPerEnvironment();
  }

  @Test
  void committedEnvironmentComparisonMatchesAFreshSynth() throws Exception {
    SNAPSHOTS.assertComparisonIsCurrent();
  }

  @Test
  void theOnlyFileAtTheTopOfDistIsTheEnvironmentComparison() throws IOException {
    try (Stream<Path> entries = Files.list(PROJECT.resolve("dist"))) {
      assertThat(
              entries
                  .filter(Files::isRegularFile)
                  .map(p -> p.getFileName().toString())
                  .filter(name -> !name.startsWith(".")))
          .containsExactly(EnvironmentComparison.FILE);
    }
  }

  @ParameterizedTest(name = "dist/{0}")
  @MethodSource("environments")
  void committedDistMatchesAFreshSynth(String environment) throws Exception {
    SNAPSHOTS.assertEnvironmentIsCurrent(environment);
  }
}
