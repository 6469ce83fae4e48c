package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line as a real process: killed with SIGKILL while it writes {@code dist/}, run while
 * another process holds the lock, and run under another time zone, locale and charset with secrets
 * in its environment.
 */
class SynthProcessesTest {
  @TempDir Path base;
  private Path project;
  private Path dist;

  @BeforeEach
  void copyProject() throws IOException {
    project = ProjectCopy.of(base.resolve("project")).root();
    dist = project.resolve("dist");
  }

  /**
   * Killed while writing the scratch folder, while writing the journal, and after the commit (while
   * cleaning up): {@code dist/prod/} is then the old or the new output, whole, and the next run
   * leaves it exactly as a clean synth does. The kill comes when the named entry appears in {@code
   * dist/}; the test says whether it caught the synth there.
   */
  @ParameterizedTest(name = "killed when dist/{0} appears")
  @ValueSource(strings = {".prod.tmp", ".swap.tmp", ".swap.done"})
  void aSynthKilledWhileWritingLeavesDistWholeAndTheNextRunRepairsIt(String point)
      throws Exception {
    SortedMap<String, DistWriter.Bytes> fresh = folder("prod");
    // An older output, so that the synth has something to replace.
    Files.delete(dist.resolve("prod/backend.yaml"));
    Files.writeString(dist.resolve("prod/stale.yaml"), "kind: Leftover\n");
    SortedMap<String, DistWriter.Bytes> old = folder("prod");
    SortedMap<String, DistWriter.Bytes> others = otherFolders();

    ChildSynth child = ChildSynth.start(project, "prod", List.of(), Map.of());
    Path marker = dist.resolve(point);
    while (child.isAlive() && !Files.exists(marker)) {
      Thread.onSpinWait();
    }
    boolean caught = child.isAlive();
    child.kill();
    System.out.printf("killed when dist/%s appeared: %s%n", point, caught ? "caught" : "too late");
    if (point.equals(".prod.tmp")) {
      assertThat(caught).as("writing 14 files durably takes long enough to be caught").isTrue();
    }

    new DistWriter(dist).recover();
    assertThat(folder("prod")).as("old or new, never a mix").isIn(old, fresh);
    assertThat(otherFolders()).isEqualTo(others);

    assertThat(synthInProcess("prod")).isEqualTo(Main.OK);
    assertThat(folder("prod")).isEqualTo(fresh);
    assertThat(hiddenEntries()).containsOnly(".lock");
  }

  @Test
  void aSynthWhileAnotherProcessHoldsTheLockFailsClearlyAndChangesNothing() throws Exception {
    Files.delete(dist.resolve("prod/backend.yaml"));
    SortedMap<String, DistWriter.Bytes> before = outputFiles();
    int code;
    ChildSynth child;
    try (FileChannel channel =
            FileChannel.open(
                dist.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      assertThat(lock.isValid()).isTrue();
      child = ChildSynth.start(project, "prod", List.of(), Map.of());
      code = child.waitFor();
    }

    assertThat(code).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(child.err())
        .contains("stackwright: another synth is writing " + dist)
        .contains("wait for it to finish and run again")
        .doesNotContain("Exception");
    assertThat(outputFiles()).isEqualTo(before);
    assertThat(hiddenEntries()).containsOnly(".lock");

    assertThat(synthInProcess("prod")).as("once the lock is free").isEqualTo(Main.OK);
    assertThat(dist.resolve("prod/backend.yaml")).exists();
  }

  @Test
  void withoutNodeJsASynthSaysWhatToInstallAndChangesNothing() throws Exception {
    Files.delete(dist.resolve("prod/backend.yaml"));
    SortedMap<String, DistWriter.Bytes> before = outputFiles();
    Path empty = Files.createDirectories(base.resolve("no-node"));

    ChildSynth child =
        ChildSynth.start(
            project, "prod", List.of(), Map.of("PATH", empty.toString(), "JSII_NODE", ""));
    int code = child.waitFor();

    assertThat(code).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(child.err())
        .contains("stackwright: cannot start Node.js, which runs cdk8s (")
        .contains("install Node.js 20 or newer and put node on PATH")
        .contains("nothing was written")
        .doesNotContain("internal error")
        .doesNotContain("\tat ");
    assertThat(outputFiles()).isEqualTo(before);
  }

  /**
   * Another time zone, the Turkish locale (where {@code "I".toLowerCase()} is a dotless {@code ı}),
   * Latin-1 as the default charset and in the process environment: the output is byte for byte the
   * committed one. The process environment also holds canary secrets under the names a deployment
   * would use, and none of them may appear in {@code dist/} or in what the synth prints.
   */
  @Test
  void anotherLocaleTimeZoneAndCharsetGiveTheSameBytesAndNoSecretLeaks() throws Exception {
    SortedMap<String, DistWriter.Bytes> committed =
        DistInput.read(MainTest.PROJECT.resolve("dist"));
    committed.keySet().removeIf(path -> path.startsWith("."));
    for (Path folder :
        List.of(dist.resolve("dev"), dist.resolve("staging"), dist.resolve("prod"))) {
      MainTest.deleteTree(folder);
    }
    Map<String, String> canaries =
        Map.of(
            "POSTGRES_PASSWORD", "canary-postgres-9f1c2e",
            "REDIS_PASSWORD", "canary-redis-4b7d1a",
            "POSTGRES_PASSWORD_FILE", "/run/canary-file-2c8e4f",
            "DATABASE_URL", "postgres://app:canary-url-7a3b9c@db/app",
            "AWS_SECRET_ACCESS_KEY", "canary-aws-5e2f8d",
            "LANG", "tr_TR.ISO-8859-9",
            "LC_ALL", "tr_TR.ISO-8859-9",
            "TZ", "Pacific/Chatham");

    ChildSynth child =
        ChildSynth.start(
            project,
            "all",
            List.of(
                "-Duser.timezone=Pacific/Chatham",
                "-Duser.language=tr",
                "-Duser.country=TR",
                "-Dfile.encoding=ISO-8859-1",
                "-Dsun.jnu.encoding=ISO-8859-1"),
            canaries);
    int code = child.waitFor();

    assertThat(code).as("stderr:\n%s", child.err()).isEqualTo(Main.OK);
    SortedMap<String, DistWriter.Bytes> written = DistInput.read(dist);
    written.keySet().removeIf(path -> path.startsWith("."));
    assertThat(written.keySet()).isEqualTo(committed.keySet());
    assertThat(written).isEqualTo(committed);
    String everything =
        child.out()
            + child.err()
            + String.join("", written.values().stream().map(String::valueOf).toList());
    for (String canary :
        List.of("canary-postgres", "canary-redis", "canary-file", "canary-url", "canary-aws")) {
      assertThat(everything).doesNotContain(canary);
    }
  }

  private SortedMap<String, DistWriter.Bytes> outputFiles() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(dist);
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  private SortedMap<String, DistWriter.Bytes> folder(String env) throws IOException {
    return DistInput.read(dist.resolve(env));
  }

  private SortedMap<String, DistWriter.Bytes> otherFolders() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(dist);
    files.keySet().removeIf(path -> path.startsWith("prod/") || path.startsWith("."));
    return files;
  }

  private List<String> hiddenEntries() throws IOException {
    try (Stream<Path> entries = Files.list(dist)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
    }
  }

  private int synthInProcess(String env) {
    return CliRun.of("synth", "--env", env, "--project-dir", project.toString()).code();
  }
}
