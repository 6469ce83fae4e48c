package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DistWriterTest {
  @TempDir Path dist;

  private static SynthOutput output(String env, Map<String, String> files) {
    SynthOutput output = new SynthOutput(env, 0, 0);
    files.forEach(output::add);
    return output;
  }

  private SortedMap<String, DistWriter.Bytes> everything() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(dist);
    files.remove(".lock");
    return files;
  }

  private List<String> hiddenFolders() throws IOException {
    try (Stream<Path> entries = Files.list(dist)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(".") && !n.equals(".lock"))
          .toList();
    }
  }

  @Test
  void replacesTheWholeFolderAndRemovesFilesNoLongerProduced() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(
        List.of(output("prod", Map.of("a.yaml", "a: 1\n", "compose/c.yaml", "c: 1\n"))),
        name -> false);

    Map<String, DistWriter.Result> result =
        writer.write(List.of(output("prod", Map.of("a.yaml", "a: 2\n"))), name -> false).results();

    assertThat(result).containsEntry("prod", DistWriter.Result.WRITTEN);
    assertThat(everything())
        .isEqualTo(DistWriter.asComparable(Map.of("prod/a.yaml", "a: 2\n".getBytes())));
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void leavesAnUnchangedFolderAlone() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(List.of(output("dev", Map.of("a.yaml", "a: 1\n"))), name -> false);
    Path file = dist.resolve("dev/a.yaml");
    var modified = Files.getLastModifiedTime(file);

    Map<String, DistWriter.Result> result =
        writer.write(List.of(output("dev", Map.of("a.yaml", "a: 1\n"))), name -> false).results();

    assertThat(result).containsEntry("dev", DistWriter.Result.UNCHANGED);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  /** Stands for the process dying: no catch block of the writer sees it. */
  private static final class Killed extends Error {
    private static final long serialVersionUID = 1L;
  }

  private DistWriter killedAtRename(int n) {
    AtomicInteger renames = new AtomicInteger();
    return new DistWriter(
        dist,
        (from, to) -> {
          if (renames.incrementAndGet() == n) {
            throw new Killed();
          }
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        });
  }

  private void writeThreeEnvironments(String version) throws IOException {
    new DistWriter(dist)
        .write(
            List.of(
                output("dev", Map.of("a.yaml", "dev: " + version + "\n")),
                output("prod", Map.of("a.yaml", "prod: " + version + "\n")),
                output("staging", Map.of("a.yaml", "staging: " + version + "\n"))),
            name -> false);
  }

  /**
   * Renames 1 to 8 of a transaction that replaces three folders: the journal, then each folder
   * aside and the new one in, then the commit. Killed at any of them, the next run finds every
   * folder as it was before.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void aRunKilledBeforeItCommitsLeavesEveryEnvironmentAsItWas(int killedAt) throws IOException {
    writeThreeEnvironments("1");
    SortedMap<String, DistWriter.Bytes> before = everything();

    assertThatThrownBy(
            () ->
                killedAtRename(killedAt)
                    .write(
                        List.of(
                            output("dev", Map.of("a.yaml", "dev: 2\n")),
                            output("prod", Map.of("a.yaml", "prod: 2\n")),
                            output("staging", Map.of("a.yaml", "staging: 2\n"))),
                        name -> false))
        .isInstanceOf(Killed.class);
    new DistWriter(dist).recover();

    assertThat(everything()).isEqualTo(before);
    assertThat(hiddenFolders()).isEmpty();
  }

  private static Map<String, byte[]> comparison(String version) {
    return Map.of("ENVIRONMENTS.md", ("v" + version + "\n").getBytes());
  }

  @Test
  void writesAFileAtTheTopOfDistInTheSameTransaction() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(List.of(output("dev", Map.of("a.yaml", "dev: 1\n"))), comparison("1"), n -> false);

    Map<String, DistWriter.Result> changed =
        writer
            .write(
                List.of(output("dev", Map.of("a.yaml", "dev: 2\n"))), comparison("2"), n -> false)
            .results();
    Map<String, DistWriter.Result> same =
        writer
            .write(
                List.of(output("dev", Map.of("a.yaml", "dev: 2\n"))), comparison("2"), n -> false)
            .results();

    assertThat(changed).containsEntry("ENVIRONMENTS.md", DistWriter.Result.WRITTEN);
    assertThat(same).containsEntry("ENVIRONMENTS.md", DistWriter.Result.UNCHANGED);
    assertThat(everything())
        .isEqualTo(
            DistWriter.asComparable(
                Map.of("dev/a.yaml", "dev: 2\n".getBytes(), "ENVIRONMENTS.md", "v2\n".getBytes())));
    assertThat(Files.getPosixFilePermissions(dist.resolve("ENVIRONMENTS.md")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(hiddenFolders()).isEmpty();
  }

  /**
   * Renames 1 to 10 of a transaction that replaces three folders and the file at the top of dist/:
   * killed at any of them, the next run finds the folders and the file as they were, never the file
   * new and the folders old.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void aRunKilledBeforeItCommitsLeavesTheTopFileAsItWasToo(int killedAt) throws IOException {
    new DistWriter(dist)
        .write(
            List.of(
                output("dev", Map.of("a.yaml", "dev: 1\n")),
                output("prod", Map.of("a.yaml", "prod: 1\n")),
                output("staging", Map.of("a.yaml", "staging: 1\n"))),
            comparison("1"),
            name -> false);
    SortedMap<String, DistWriter.Bytes> before = everything();

    assertThatThrownBy(
            () ->
                killedAtRename(killedAt)
                    .write(
                        List.of(
                            output("dev", Map.of("a.yaml", "dev: 2\n")),
                            output("prod", Map.of("a.yaml", "prod: 2\n")),
                            output("staging", Map.of("a.yaml", "staging: 2\n"))),
                        comparison("2"),
                        name -> false))
        .isInstanceOf(Killed.class);
    new DistWriter(dist).recover();

    assertThat(everything()).isEqualTo(before);
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void aFailedRenameOfTheTopFileUndoesTheFolders() throws IOException {
    writeThreeEnvironments("1");
    SortedMap<String, DistWriter.Bytes> before = everything();
    DistWriter failing =
        new DistWriter(
            dist,
            (from, to) -> {
              if (to.getFileName().toString().equals("ENVIRONMENTS.md")) {
                throw new IOException("disk full");
              }
              Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            });

    assertThatThrownBy(
            () ->
                failing.write(
                    List.of(output("dev", Map.of("a.yaml", "dev: 2\n"))),
                    comparison("2"),
                    name -> false))
        .hasMessageContaining("disk full");

    assertThat(everything()).isEqualTo(before);
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void refusesATopFileNameThatIsAPathOrHidden() {
    DistWriter writer = new DistWriter(dist);
    for (String name : List.of("../x.md", "dev/x.md", ".lock", "")) {
      assertThatThrownBy(() -> writer.write(List.of(), Map.of(name, new byte[0]), n -> false))
          .as(name)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRunKilledAfterItCommittedIsCompletedByTheNext() throws IOException {
    writeThreeEnvironments("2");
    // What a kill during the clean-up leaves: a committed journal and a half-deleted old folder.
    Files.createDirectories(dist.resolve(".prod.old/compose"));
    Files.writeString(dist.resolve(".prod.old/compose/c.yaml"), "half\n");
    Files.createDirectories(dist.resolve(".qa.old"));
    Files.writeString(dist.resolve(".swap.done"), "replace prod\nremove qa\n");

    new DistWriter(dist).recover();

    assertThat(everything())
        .containsOnlyKeys("dev/a.yaml", "prod/a.yaml", "staging/a.yaml")
        .containsEntry("prod/a.yaml", new DistWriter.Bytes("prod: 2\n".getBytes()));
    assertThat(dist.resolve("qa")).as("a removed folder never comes back").doesNotExist();
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void aNewEnvironmentIsRemovedAgainWhenItsTransactionIsUndone() throws IOException {
    writeThreeEnvironments("1");
    SortedMap<String, DistWriter.Bytes> before = everything();

    // Renames: journal, qa in (new: nothing to put aside), then the commit, which is killed.
    assertThatThrownBy(
            () ->
                killedAtRename(3)
                    .write(List.of(output("qa", Map.of("a.yaml", "qa: 1\n"))), name -> false))
        .isInstanceOf(Killed.class);
    assertThat(dist.resolve("qa/a.yaml")).exists();
    new DistWriter(dist).recover();

    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aFileWithAnotherModeCountsAsChanged() throws IOException {
    writeThreeEnvironments("1");
    // As a checkout under umask 077 leaves them: a container user could not read the file.
    Path file = dist.resolve("dev/a.yaml");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.setPosixFilePermissions(
        dist.resolve("dev"), PosixFilePermissions.fromString("rwx------"));

    Map<String, DistWriter.Result> result =
        new DistWriter(dist)
            .write(List.of(output("dev", Map.of("a.yaml", "dev: 1\n"))), name -> false)
            .results();

    assertThat(result).containsEntry("dev", DistWriter.Result.WRITTEN);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-r--r--");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dist.resolve("dev"))))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void removesStaleEnvironmentFoldersOnlyWhenAsked() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(
        List.of(output("qa", Map.of("a.yaml", "qa\n")), output("dev", Map.of("a.yaml", "d\n"))),
        name -> false);

    Map<String, DistWriter.Result> kept =
        writer.write(List.of(output("dev", Map.of("a.yaml", "d\n"))), name -> false).results();
    assertThat(kept).doesNotContainKey("qa");
    assertThat(dist.resolve("qa")).exists();

    Map<String, DistWriter.Result> removed =
        writer
            .write(List.of(output("dev", Map.of("a.yaml", "d\n"))), name -> name.equals("qa"))
            .results();
    assertThat(removed).containsEntry("qa", DistWriter.Result.REMOVED);
    assertThat(dist.resolve("qa")).doesNotExist();
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void aSecondWriterFailsClearlyWhileTheFirstHoldsTheLock() throws IOException {
    Files.createDirectories(dist);
    try (FileChannel channel =
            FileChannel.open(
                dist.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      assertThat(held.isValid()).isTrue();
      assertThatThrownBy(
              () ->
                  new DistWriter(dist)
                      .write(List.of(output("dev", Map.of("a.yaml", "a\n"))), name -> false))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is already writing");
    }
    assertThat(dist.resolve("dev")).doesNotExist();
  }

  @Test
  void refusesPathsThatLeaveTheFolder() {
    SynthOutput output = new SynthOutput("dev", 0, 0);
    for (String path : List.of("../x.yaml", "/etc/x", "a/../../x", "", "a//b", "./a", "a/.")) {
      assertThatThrownBy(() -> output.add(path, "x")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
