package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an interrupted synth can leave in {@code dist/} is ignored by git, folders and plain files
 * alike, so that {@code git add -A} never commits it; what a synth writes is not.
 */
class LeftoversIgnoredTest {
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dist/.lock",
        "dist/.swap",
        "dist/.swap.done",
        "dist/.swap.tmp",
        "dist/.prod.tmp/namespace.yaml",
        "dist/.prod.old/namespace.yaml",
        "dist/.ENVIRONMENTS.md.tmp",
        "dist/.ENVIRONMENTS.md.old",
        "examples/tasks/dist/.ENVIRONMENTS.md.old",
        "examples/tasks/dist/.qa.tmp/namespace.yaml",
        "examples/tasks/dist/.swap"
      })
  void leftoversAreIgnored(String path) throws Exception {
    assertThat(checkIgnore(path)).as(path + " is ignored").isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"dist/ENVIRONMENTS.md", "dist/prod/namespace.yaml", "examples/tasks/dist/x.md"})
  void outputIsNot(String path) throws Exception {
    assertThat(checkIgnore(path)).as(path + " is not ignored").isEqualTo(1);
  }

  /** {@code git check-ignore}'s exit code: 0 ignored, 1 not. */
  private static int checkIgnore(String path) throws IOException, InterruptedException {
    Process git =
        new ProcessBuilder("git", "check-ignore", "--no-index", "-q", path)
            .directory(PROJECT.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = git.waitFor();
    assertThat(code).as(output).isIn(0, 1);
    return code;
  }
}
