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
    SortedMap<String, DistWriter.Bytes> files = DistWriter.read(dist);
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
        writer.write(List.of(output("prod", Map.of("a.yaml", "a: 2\n"))), name -> false);

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
        writer.write(List.of(output("dev", Map.of("a.yaml", "a: 1\n"))), name -> false);

    assertThat(result).containsEntry("dev", DistWriter.Result.UNCHANGED);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  @Test
  void putsBackAFolderLeftMidSwapByAKilledRun() throws IOException {
    // Killed between its two renames: the old folder is under its .old name, the new one is still
    // scratch. The next run must start from the old folder: the same output then is UNCHANGED.
    Path old = Files.createDirectories(dist.resolve(".prod.old"));
    Files.writeString(old.resolve("a.yaml"), "a: old\n");
    Path scratch = Files.createDirectories(dist.resolve(".prod.tmp-999999"));
    Files.writeString(scratch.resolve("a.yaml"), "a: half");
    Path otherOld = Files.createDirectories(dist.resolve(".staging.old"));
    Files.writeString(otherOld.resolve("a.yaml"), "a: staging\n");

    Map<String, DistWriter.Result> result =
        new DistWriter(dist)
            .write(List.of(output("prod", Map.of("a.yaml", "a: old\n"))), name -> false);

    assertThat(result).containsEntry("prod", DistWriter.Result.UNCHANGED);
    assertThat(dist.resolve("prod/a.yaml")).hasContent("a: old");
    assertThat(dist.resolve("staging/a.yaml"))
        .as("every environment is recovered")
        .hasContent("a: staging");
    assertThat(hiddenFolders()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void aRenameThatFailsRollsEveryEnvironmentBack(int failingRename) throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(
        List.of(
            output("dev", Map.of("a.yaml", "dev: 1\n")),
            output("prod", Map.of("a.yaml", "prod: 1\n"))),
        name -> false);
    SortedMap<String, DistWriter.Bytes> before = everything();
    AtomicInteger renames = new AtomicInteger();
    DistWriter failing =
        new DistWriter(
            dist,
            (from, to) -> {
              if (renames.incrementAndGet() == failingRename) {
                throw new IOException("disk on fire");
              }
              Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
            });

    assertThatThrownBy(
            () ->
                failing.write(
                    List.of(
                        output("dev", Map.of("a.yaml", "dev: 2\n")),
                        output("prod", Map.of("a.yaml", "prod: 2\n"))),
                    name -> false))
        .hasMessage("disk on fire");

    assertThat(everything()).isEqualTo(before);
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void removesStaleEnvironmentFoldersOnlyWhenAsked() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(
        List.of(output("qa", Map.of("a.yaml", "qa\n")), output("dev", Map.of("a.yaml", "d\n"))),
        name -> false);

    Map<String, DistWriter.Result> kept =
        writer.write(List.of(output("dev", Map.of("a.yaml", "d\n"))), name -> false);
    assertThat(kept).doesNotContainKey("qa");
    assertThat(dist.resolve("qa")).exists();

    Map<String, DistWriter.Result> removed =
        writer.write(List.of(output("dev", Map.of("a.yaml", "d\n"))), name -> name.equals("qa"));
    assertThat(removed).containsEntry("qa", DistWriter.Result.REMOVED);
    assertThat(dist.resolve("qa")).doesNotExist();
    assertThat(hiddenFolders()).isEmpty();
  }

  @Test
  void filesAreReadableByEveryoneWhateverTheUmask() throws IOException {
    new DistWriter(dist).write(List.of(output("dev", Map.of("s/secret", "x"))), name -> false);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dist.resolve("dev/s/secret"))))
        .isEqualTo("rw-r--r--");
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
