package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.DistDiff;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.stack.ShopStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed {@code dist/<env>/} of every environment file, reports included, and {@code
 * dist/ENVIRONMENTS.md} are exactly what a fresh synth produces. Synthesized with no variables set,
 * so that the snapshot holds the files' defaults.
 */
class DistSnapshotTest {
  static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  static List<String> environments() {
    return new Environments(PROJECT).names();
  }

  @Test
  void distHoldsAFolderForEveryEnvironmentAndNoOther() throws IOException {
    List<String> folders;
    try (Stream<Path> entries = Files.list(PROJECT.resolve("dist"))) {
      folders =
          entries
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .filter(name -> !name.startsWith("."))
              .sorted()
              .toList();
    }

    assertThat(folders)
        .withFailMessage(
            "dist/ holds %s but environments/ defines %s; run mvn -q compile exec:java -Denv=all",
            folders, environments())
        .isEqualTo(environments());
  }

  @Test
  void committedEnvironmentComparisonMatchesAFreshSynth() throws Exception {
    String fresh =
        new Synthesizer<>(new ShopStack(), PROJECT, name -> null).environmentComparison();
    Path committed = PROJECT.resolve("dist").resolve(EnvironmentComparison.FILE);
    String before = Files.isRegularFile(committed) ? Files.readString(committed) : "";

    assertThat(before)
        .withFailMessage(
            () ->
                "dist/"
                    + EnvironmentComparison.FILE
                    + " is stale:\n"
                    + DistDiff.unified(
                        "a/dist/" + EnvironmentComparison.FILE,
                        "b/dist/" + EnvironmentComparison.FILE,
                        before,
                        fresh)
                    + "\nIf the change is intended, refresh it with:\n"
                    + "    mvn -q compile exec:java -Denv=all\n"
                    + "and commit dist/ with the change that caused it.")
        .isEqualTo(fresh);
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
    Synthesizer<?> synthesizer = new Synthesizer<>(new ShopStack(), PROJECT, name -> null);
    SynthOutput output = synthesizer.renderWithoutGate(List.of(environment)).get(0);

    List<DistDiff.FileChange> changes =
        DistDiff.compare(output, PROJECT.resolve("dist").resolve(environment));

    assertThat(changes)
        .withFailMessage(
            () ->
                "dist/"
                    + environment
                    + "/ is stale: "
                    + changes.size()
                    + " file(s) differ from a"
                    + " fresh synth.\n"
                    + changes.stream()
                        .map(c -> c.kind() + " " + c.path() + "\n" + c.diff())
                        .collect(Collectors.joining("\n"))
                    + "\nIf the change is intended, refresh it with:\n"
                    + "    mvn -q compile exec:java -Denv="
                    + environment
                    + "\n"
                    + "and commit dist/ with the change that caused it.")
        .isEmpty();
  }
}
