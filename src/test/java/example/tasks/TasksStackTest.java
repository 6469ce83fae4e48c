package example.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.synth.Snapshots;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.InstalledTools;
import io.stackwright.validate.Layer;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second stack: its committed {@code examples/tasks/dist/} is what a fresh synth writes, and
 * every environment passes every validation layer strictly.
 */
class TasksStackTest {
  static final Path PROJECT = InstalledTools.PROJECT.resolve("examples/tasks");

  private static final Snapshots SNAPSHOTS =
      new Snapshots(
          new TasksStack(),
          PROJECT,
          "examples/tasks/dist",
          "mvn -q test-compile exec:java@tasks-example -Denv=all -Dvalidate=strict");

  static List<String> environments() {
    return SNAPSHOTS.environments();
  }

  @Test
  void distHoldsAFolderForEveryEnvironmentAndNoOther() throws IOException {
    SNAPSHOTS.assertAFolderPerEnvironment();
    assertThat(environments()).contains("dev", "prod");
  }

  @Test
  void committedEnvironmentComparisonMatchesAFreshSynth() throws Exception {
    SNAPSHOTS.assertComparisonIsCurrent();
  }

  @ParameterizedTest(name = "examples/tasks/dist/{0}")
  @MethodSource("environments")
  void committedDistMatchesAFreshSynth(String environment) throws Exception {
    SNAPSHOTS.assertEnvironmentIsCurrent(environment);
  }

  @Test
  void everyEnvironmentPassesEveryLayerStrictly() throws Exception {
    InstalledTools.requireAllPrograms();
    ValidationGate gate = new ValidationGate(InstalledTools.require(), ValidationMode.STRICT);
    Synthesizer<?> synthesizer = new Synthesizer<>(new TasksStack(), PROJECT, name -> null, gate);

    ValidationReport report = synthesizer.synthesize(environments()).report();

    assertThat(report.ran())
        .containsExactly(
            Layer.POLICY,
            Layer.PARITY,
            Layer.KUBECONFORM,
            Layer.COMPOSE,
            Layer.PROMTOOL,
            Layer.REDIS,
            Layer.POSTGRESQL);
    assertThat(report.passed()).isTrue();
    assertThat(report.environments()).allSatisfy(e -> assertThat(e.waived()).isEmpty());
  }
}
