package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dist/} as a pull request can leave it: every synth and diff refuses what no synth writes
 * there with exit code 2, a message that names the file and what to do, and nothing touched, inside
 * the project or out.
 */
class HostileDistTest {
  @TempDir Path root;
  private Path project;
  private Path dist;
  private Path victim;
  private String out;
  private String err;

  @BeforeEach
  void layOut() throws IOException {
    project = root.resolve("project");
    ProjectCopy.of(project);
    dist = project.resolve("dist");
    victim = Files.createDirectories(root.resolve("victim/sub"));
    Files.writeString(victim.resolve("f"), "precious\n");
  }

  private int run(String... args) {
    CliRun run = new ProjectCopy(project).run(args);
    out = run.out();
    err = run.err();
    return run.code();
  }

  /** The files under {@code folder}, but the lock a synth creates before it reads anything. */
  private SortedMap<String, DistWriter.Bytes> files(Path folder) throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(folder);
    files.remove(".lock");
    return files;
  }

  @Test
  void aJournalNamingAFolderOutsideDistIsRefusedAndTheFolderKept() throws IOException {
    // The reproduction of the report: a journal committed with git add -f.
    Files.writeString(dist.resolve(".swap"), "create " + victim.getParent() + "\n");
    SortedMap<String, DistWriter.Bytes> distBefore = files(dist);

    assertThat(run("synth", "--env", "prod")).isEqualTo(Main.BAD_INPUT);

    assertThat(victim.resolve("f")).hasContent("precious");
    assertThat(err)
        .contains(
            "stackwright: " + dist.resolve(".swap") + " line 1, \"create " + victim.getParent())
        .contains("nothing was touched")
        .contains("git status dist")
        .doesNotContain("Exception");
    assertThat(out).isEmpty();
    assertThat(files(dist)).isEqualTo(distBefore);
  }

  @Test
  void aJournalNamingTheProjectsOwnFoldersIsRefused() throws IOException {
    Files.writeString(dist.resolve(".swap"), "create ../environments\n");
    SortedMap<String, DistWriter.Bytes> environments = files(project.resolve("environments"));

    assertThat(run("synth", "--env", "all")).isEqualTo(Main.BAD_INPUT);
    assertThat(run("diff", "--env", "all")).isEqualTo(Main.BAD_INPUT);

    assertThat(files(project.resolve("environments"))).isEqualTo(environments);
    assertThat(err).doesNotContain("run mvn");
  }

  @Test
  void aLinkInDistIsNeverReadNorPrinted() throws IOException {
    Path secret = root.resolve("id_rsa");
    Files.writeString(secret, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
    Files.createSymbolicLink(dist.resolve("prod/zz-extra.yaml"), secret);

    assertThat(run("diff", "--env", "prod")).isEqualTo(Main.BAD_INPUT);
    assertThat(out + err).doesNotContain("PRIVATE KEY");
    assertThat(err).contains("zz-extra.yaml is a symbolic link");

    assertThat(run("synth", "--env", "prod")).isEqualTo(Main.BAD_INPUT);
    assertThat(out + err).doesNotContain("PRIVATE KEY");
    assertThat(err).contains("nothing was written");
    assertThat(Files.isSymbolicLink(dist.resolve("prod/zz-extra.yaml"))).isTrue();
  }

  @Test
  void aStaleFolderThatIsALinkIsNotRemovedThroughIt() throws IOException {
    Files.createDirectories(victim.resolve("gone"));
    Files.writeString(victim.resolve("namespace.yaml"), "kind: Namespace\n");
    Files.createSymbolicLink(dist.resolve("gone"), victim);

    assertThat(run("synth", "--env", "all")).isEqualTo(Main.OK);

    assertThat(out).doesNotContain("removed dist/gone");
    assertThat(victim.resolve("f")).hasContent("precious");
  }

  @Test
  void aCleanUpThatFailsIsSaidAndTheNextSynthFinishesIt() throws Exception {
    Path stuck = dist.resolve("prod/zz-stuck.txt");
    Files.writeString(stuck, "extra\n");
    assumeTrue(chattr("+i", stuck), "chattr +i works here (root with CAP_LINUX_IMMUTABLE)");
    try {
      assertThat(run("synth", "--env", "prod")).isEqualTo(Main.OK);

      assertThat(out).contains("prod: wrote dist/prod");
      assertThat(err)
          .contains("stackwright: wrote dist/, but could not finish cleaning up")
          .contains("the next synth finishes it");
    } finally {
      chattr("-i", dist.resolve(".prod.old/zz-stuck.txt"));
      chattr("-i", stuck);
    }
    assertThat(run("synth", "--env", "prod")).isEqualTo(Main.OK);
    assertThat(dist.resolve(".prod.old")).doesNotExist();
    assertThat(dist.resolve(".swap.done")).doesNotExist();
  }

  @Test
  void aLockThatCannotBeMadeIsNotCalledAnInterruptedSynth() throws Exception {
    Files.deleteIfExists(dist.resolve(".lock"));
    assumeTrue(chattr("+i", dist), "chattr +i works here (root with CAP_LINUX_IMMUTABLE)");
    try {
      assertThat(run("synth", "--env", "prod")).isEqualTo(Main.VALIDATION_FAILED);
    } finally {
      chattr("-i", dist);
    }

    assertThat(err).contains("cannot open the lock").doesNotContain("interrupted");
  }

  private static boolean chattr(String flag, Path path) throws Exception {
    if (!Files.exists(path)) {
      return false;
    }
    Process process =
        new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor() == 0;
  }
}
