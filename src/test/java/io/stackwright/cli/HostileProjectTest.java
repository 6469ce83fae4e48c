package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Environment files and command lines as a hostile pull request or a careless script makes them:
 * refused with exit code 2 and {@code dist/} kept, and never quoted in a way that forges output or
 * leaks a file from outside the project into a CI log.
 */
class HostileProjectTest {
  @TempDir Path root;
  private Path project;
  private Path environments;
  private SortedMap<String, DistWriter.Bytes> distBefore;
  private String out;
  private String err;

  @BeforeEach
  void layOut() throws IOException {
    project = root.resolve("project");
    environments = project.resolve("environments");
    ProjectCopy.of(project);
    distBefore = distFiles();
  }

  private SortedMap<String, DistWriter.Bytes> distFiles() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(project.resolve("dist"));
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  private int run(String... args) {
    CliRun run = new ProjectCopy(project).run(args);
    out = run.out();
    err = run.err();
    return run.code();
  }

  private void assertRefused(String... expected) throws IOException {
    assertThat(run("synth", "--env", "all")).as(err).isEqualTo(Main.BAD_INPUT);
    assertThat(err).contains(expected).doesNotContain("Exception");
    assertThat(out).doesNotContain("removed");
    assertThat(distFiles()).isEqualTo(distBefore);
  }

  @Test
  void anEnvironmentFileThatIsAFolderDoesNotRemoveItsDist() throws IOException {
    Path prod = environments.resolve("prod.yaml");
    Files.delete(prod);
    Files.createDirectories(prod);

    assertRefused("environments/prod.yaml is a folder, not a file", "replace it");
  }

  @Test
  void anEnvironmentFileThatIsALinkToNothingDoesNotRemoveItsDist() throws IOException {
    Path prod = environments.resolve("prod.yaml");
    Files.delete(prod);
    Files.createSymbolicLink(prod, root.resolve("missing.yaml"));

    assertRefused("environments/prod.yaml is a symbolic link to nothing");
  }

  @Test
  void anEnvironmentFileThatIsALinkToADeviceIsRefused() throws IOException {
    Path prod = environments.resolve("prod.yaml");
    Files.delete(prod);
    Files.createSymbolicLink(prod, Path.of("/dev/null"));

    assertRefused(
        "environments/prod.yaml is a symbolic link to something that is not a plain file");
  }

  @Test
  void anEnvironmentFileThatLinksOutsideTheProjectIsNeverQuoted() throws IOException {
    Path passwd = root.resolve("passwd");
    Files.writeString(passwd, "root:x:0:0:root:/root:/bin/bash\n");
    Path prod = environments.resolve("prod.yaml");
    Files.delete(prod);
    Files.createSymbolicLink(prod, passwd);

    assertRefused("environments/prod.yaml is a symbolic link to a file outside the project");
    assertThat(err).doesNotContain("root:x");
  }

  @Test
  void anEnvironmentFileThatLinksIntoGitIsRefused() throws IOException {
    Path config = Files.createDirectories(project.resolve(".git")).resolve("config");
    Files.writeString(config, "[remote \"origin\"]\n  url = https://token@example.com/x\n");
    Path prod = environments.resolve("prod.yaml");
    Files.delete(prod);
    Files.createSymbolicLink(prod, Path.of("../.git/config"));

    assertRefused("environments/prod.yaml is a symbolic link to a file outside the project");
    assertThat(err).doesNotContain("token");
  }

  @Test
  void anEnvironmentsFolderThatLinksOutsideTheProjectIsRefused() throws IOException {
    Path elsewhere = root.resolve("elsewhere");
    Files.move(environments, elsewhere);
    Files.createSymbolicLink(environments, elsewhere);

    assertRefused("environments/ is a symbolic link to a folder outside the project");
  }

  @Test
  void anEnvironmentFileThatLinksToAnotherEnvironmentIsRead() throws IOException {
    Files.createSymbolicLink(environments.resolve("preprod.yaml"), Path.of("prod.yaml"));

    assertThat(run("synth", "--env", "preprod")).as(err).isNotEqualTo(Main.BAD_INPUT);
    assertThat(err).doesNotContain("symbolic link");
  }

  @Test
  void anEnvironmentFileThatLinksToAnyOtherFileOfTheProjectIsNeverQuoted() throws IOException {
    Path secret = Files.createDirectories(project.resolve("secrets")).resolve("db-password");
    Files.writeString(secret, "hunter2-SuperSecretDbPassword\n");
    Files.createSymbolicLink(environments.resolve("qa.yaml"), Path.of("../secrets/db-password"));

    assertRefused("environments/qa.yaml is a symbolic link to a file that is not an environment");
    assertThat(err).doesNotContain("hunter2");
  }

  @Test
  void aMisnamedFileCannotForgeALine() throws IOException {
    Files.writeString(
        environments.resolve("a\nprod: unchanged dist-prod, 16 files, 0 written\nz.yml"), "x: 1\n");

    assertRefused("not environments: a\\nprod: unchanged dist-prod");
    assertThat(err.lines()).noneMatch(line -> line.startsWith("prod: unchanged"));
  }

  @Test
  void anEnvironmentNameCannotForgeALineOrSendAnEscape() {
    int code = run("synth", "--env", "x\nprod: wrote dist/prod: all checks passed\u001b[8m");

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.lines()).noneMatch(line -> line.startsWith("prod: wrote"));
    assertThat(err)
        .contains(
            "invalid environment name \"x\\nprod: wrote dist/prod: all checks passed\\u001B[8m\"")
        .doesNotContain("\u001b");
    assertThat(out).isEmpty();
  }

  @Test
  void anUnknownOptionCannotForgeALineOrSendAnEscape() {
    int code = run("synth", "--env", "prod", "--bogus\nprod: wrote\u001b[8m");

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.lines()).noneMatch(line -> line.startsWith("prod: wrote"));
    assertThat(err).doesNotContain("\u001b");
  }

  @Test
  void aHugeValueIsQuotedCutToAReadableLength() throws IOException {
    Path prod = environments.resolve("prod.yaml");
    Files.writeString(prod, "namespace: " + "a".repeat(900_000) + "\n" + Files.readString(prod));

    assertRefused("environments/prod.yaml:1:12: namespace:", "characters left out");
    assertThat(err.lines()).allMatch(line -> line.length() < 1_000);
  }
}
