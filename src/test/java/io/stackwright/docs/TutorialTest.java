package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.Main;
import io.stackwright.validate.InstalledTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/tutorial.md} is honest: the stack it ends with ("The whole stack") compiles against
 * the public API and synthesizes every environment its YAML blocks define through the validation
 * gate, and every command of the library's CLI it names exists.
 */
class TutorialTest {

  private static String tutorial() throws Exception {
    return Files.readString(InstalledTools.PROJECT.resolve("docs/tutorial.md"));
  }

  @Test
  void theWholeStackCompilesAndSynthesizesEveryEnvironment(@TempDir Path project) throws Exception {
    DocumentedStack stack = DocumentedStack.section("docs/tutorial.md", "## The whole stack");
    assertThat(stack.java()).as("one java block: the whole class").hasSize(1);
    assertThat(stack.environmentNames()).containsExactlyInAnyOrder("dev", "staging", "prod");

    DocumentedStack.Synth synth = stack.synthesize(project);

    assertThat(synth.code())
        .withFailMessage("stdout:\n%s\nstderr:\n%s", synth.out(), synth.err())
        .isZero();
    assertThat(synth.out()).contains("dev: wrote", "staging: wrote", "prod: wrote");
    Path dist = project.resolve("dist");
    // What the tutorial's steps say each one changes.
    assertThat(dist.resolve("prod/api.yaml"))
        .content()
        .contains("SPRING_DATASOURCE_URL", "memory: 1536Mi", "prometheus.io/scrape: \"true\"");
    assertThat(dist.resolve("prod/postgres.yaml")).content().contains("kind: CronJob");
    assertThat(dist.resolve("prod/compose/config/nginx/nginx.conf"))
        .content()
        .contains("zone=per_client_5r_m", "location /api/v1/auth/");
    assertThat(dist.resolve("dev/compose/compose.yaml")).content().contains("database-ui:");
    assertThat(dist.resolve("prod/compose/compose.yaml")).content().doesNotContain("database-ui");
  }

  /** The CLI commands the tutorial names answer --help. */
  @ParameterizedTest
  @ValueSource(strings = {"init", "install-validators", "synth", "diff"})
  void everyCommandTheTutorialNamesExists(String command) throws Exception {
    assertThat(tutorial()).contains(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            new String[] {command, "--help"},
            new PrintWriter(out),
            new PrintWriter(err),
            name -> null);

    assertThat(code).withFailMessage("stderr:\n%s", err).isEqualTo(Main.OK);
  }
}
