package example.team;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.Main;
import io.stackwright.synth.Snapshots;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.InstalledTools;
import io.stackwright.validate.Layer;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The team's stack: its committed {@code examples/team/dist/} is what a fresh synth writes, and
 * every environment passes every validation layer strictly.
 */
class TeamStackTest {
  static final Path PROJECT = InstalledTools.PROJECT.resolve("examples/team");

  private static final Snapshots SNAPSHOTS =
      new Snapshots(
          new TeamStack(),
          PROJECT,
          "examples/team/dist",
          "mvn -q test-compile exec:java@team-example -Denv=all -Dvalidate=strict");

  static List<String> environments() {
    return SNAPSHOTS.environments();
  }

  @Test
  void distHoldsAFolderForEveryEnvironmentAndNoOther() throws IOException {
    SNAPSHOTS.assertAFolderPerEnvironment();
    assertThat(environments()).containsExactly("dev", "prod");
  }

  @Test
  void committedEnvironmentComparisonMatchesAFreshSynth() throws Exception {
    SNAPSHOTS.assertComparisonIsCurrent();
  }

  @ParameterizedTest(name = "examples/team/dist/{0}")
  @MethodSource("environments")
  void committedDistMatchesAFreshSynth(String environment) throws Exception {
    SNAPSHOTS.assertEnvironmentIsCurrent(environment);
  }

  @Test
  void aFileWithoutARequiredSectionIsRefusedAtItsLine(@TempDir Path project) throws IOException {
    Path environments = Files.createDirectories(project.resolve("environments"));
    String dev = Files.readString(PROJECT.resolve("environments/dev.yaml"));
    Files.writeString(
        environments.resolve("dev.yaml"), dev.replaceAll("(?m)^frontend:\n(  .*\n)+", ""));
    StringWriter err = new StringWriter();

    int exit =
        Main.run(
            new TeamStack(),
            new String[] {"synth", "--env", "dev", "--project-dir", project.toString()},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            name -> null);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("environments/dev.yaml:")
        .contains("frontend: missing required key \"frontend\"; add a section frontend:");
  }

  @Test
  void everyEnvironmentPassesEveryLayerStrictly() throws Exception {
    InstalledTools.requireAllPrograms();
    ValidationGate gate = new ValidationGate(InstalledTools.require(), ValidationMode.STRICT);
    Synthesizer<?> synthesizer = new Synthesizer<>(new TeamStack(), PROJECT, name -> null, gate);

    ValidationReport report = synthesizer.synthesize(environments()).report();

    assertThat(report.ran())
        .containsExactly(
            Layer.POLICY,
            Layer.PARITY,
            Layer.KUBECONFORM,
            Layer.COMPOSE,
            Layer.NGINX,
            Layer.POSTGRESQL);
    assertThat(report.passed()).isTrue();
    assertThat(report.environments()).allSatisfy(e -> assertThat(e.waived()).isEmpty());
  }
}
