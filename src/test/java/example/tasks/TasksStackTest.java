package example.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.DistDiff;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.InstalledTools;
import io.stackwright.validate.Layer;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
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
 * The second stack: its committed {@code examples/tasks/dist/} is what a fresh synth writes, and
 * every environment passes every validation layer strictly.
 */
class TasksStackTest {
  static final Path PROJECT = InstalledTools.PROJECT.resolve("examples/tasks");

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

    assertThat(folders).isEqualTo(environments()).contains("dev", "prod");
  }

  @Test
  void committedEnvironmentComparisonMatchesAFreshSynth() throws Exception {
    String fresh =
        new Synthesizer<>(new TasksStack(), PROJECT, name -> null).environmentComparison();
    Path committed = PROJECT.resolve("dist").resolve(EnvironmentComparison.FILE);

    assertThat(committed).content().isEqualTo(fresh);
  }

  @ParameterizedTest(name = "examples/tasks/dist/{0}")
  @MethodSource("environments")
  void committedDistMatchesAFreshSynth(String environment) throws Exception {
    Synthesizer<?> synthesizer = new Synthesizer<>(new TasksStack(), PROJECT, name -> null);
    SynthOutput output = synthesizer.renderWithoutGate(List.of(environment)).get(0);

    List<DistDiff.FileChange> changes =
        DistDiff.compare(output, PROJECT.resolve("dist").resolve(environment));

    assertThat(changes)
        .withFailMessage(
            () ->
                "examples/tasks/dist/"
                    + environment
                    + "/ is stale:\n"
                    + changes.stream()
                        .map(c -> c.kind() + " " + c.path() + "\n" + c.diff())
                        .collect(Collectors.joining("\n"))
                    + "\nIf the change is intended, refresh it with:\n"
                    + "    mvn -q test-compile exec:java@tasks-example -Denv=all"
                    + " -Dvalidate=strict\n")
        .isEmpty();
  }

  @Test
  void everyEnvironmentPassesEveryLayerStrictly() throws Exception {
    ValidationGate gate = new ValidationGate(InstalledTools.require(), ValidationMode.STRICT);
    Synthesizer<?> synthesizer = new Synthesizer<>(new TasksStack(), PROJECT, name -> null, gate);

    ValidationReport report = synthesizer.synthesize(environments()).report();

    assertThat(report.ran())
        .containsExactly(Layer.POLICY, Layer.PARITY, Layer.KUBECONFORM, Layer.COMPOSE);
    assertThat(report.passed()).isTrue();
    assertThat(report.environments()).allSatisfy(e -> assertThat(e.waived()).isEmpty());
  }
}
