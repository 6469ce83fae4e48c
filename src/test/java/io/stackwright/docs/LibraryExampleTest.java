package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "Model your own stack" of {@code docs/library.md} is a working program: its Java block
 * compiles against the public API, and its environment files synthesize through every validation
 * layer with its own main's entry point.
 */
class LibraryExampleTest {

  @Test
  void modelYourOwnStackCompilesAndSynthesizes(@TempDir Path project) throws Exception {
    DocumentedStack stack = DocumentedStack.section("docs/library.md", "## Model your own stack");
    assertThat(stack.java()).isNotEmpty();
    assertThat(stack.environmentNames()).contains("dev", "prod");

    DocumentedStack.Synth synth = stack.synthesize(project);

    assertThat(synth.code())
        .withFailMessage("stdout:\n%s\nstderr:\n%s", synth.out(), synth.err())
        .isZero();
    assertThat(synth.out()).contains("dev: wrote", "prod: wrote");
    Path dist = project.resolve("dist");
    assertThat(dist.resolve("prod/app.yaml"))
        .content()
        .contains("image: ghcr.io/acme/notes:1.0.0", "revisionHistoryLimit: 3");
    assertThat(dist.resolve("dev/compose/compose.yaml".replace('/', File.separatorChar)))
        .content()
        .contains("stop_grace_period: 30s", "DB_HOST: postgres");
  }
}
