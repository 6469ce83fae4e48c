package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistWriterTest {
  @TempDir Path dist;

  private static SynthOutput output(String env, Map<String, String> files) {
    SynthOutput output = new SynthOutput(env, 0, 0);
    files.forEach(output::add);
    return output;
  }

  @Test
  void replacesTheWholeFolderAndRemovesFilesNoLongerProduced() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(List.of(output("prod", Map.of("a.yaml", "a: 1\n", "compose/c.yaml", "c: 1\n"))));

    Map<String, DistWriter.Result> result =
        writer.write(List.of(output("prod", Map.of("a.yaml", "a: 2\n"))));

    assertThat(result).containsEntry("prod", DistWriter.Result.WRITTEN);
    assertThat(DistWriter.read(dist.resolve("prod")))
        .isEqualTo(DistWriter.asComparable(Map.of("a.yaml", "a: 2\n".getBytes())));
    assertThat(dist.resolve(".prod.old")).doesNotExist();
  }

  @Test
  void leavesAnUnchangedFolderAlone() throws IOException {
    DistWriter writer = new DistWriter(dist);
    writer.write(List.of(output("dev", Map.of("a.yaml", "a: 1\n"))));
    Path file = dist.resolve("dev/a.yaml");
    var modified = Files.getLastModifiedTime(file);

    Map<String, DistWriter.Result> result =
        writer.write(List.of(output("dev", Map.of("a.yaml", "a: 1\n"))));

    assertThat(result).containsEntry("dev", DistWriter.Result.UNCHANGED);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
  }

  @Test
  void putsBackAFolderLeftMidSwapByAKilledRun() throws IOException {
    // A run killed between its two renames leaves the old folder under its scratch name and a
    // half-written new one; the next run must start from the old folder, never from the scratch.
    Path old = Files.createDirectories(dist.resolve(".prod.old"));
    Files.writeString(old.resolve("a.yaml"), "a: old\n");
    Path scratch = Files.createDirectories(dist.resolve(".prod.tmp-999999"));
    Files.writeString(scratch.resolve("a.yaml"), "a: half");

    new DistWriter(dist).write(List.of(output("prod", Map.of("a.yaml", "a: old\n"))));

    assertThat(dist.resolve("prod/a.yaml")).hasContent("a: old");
    assertThat(old).doesNotExist();
    assertThat(scratch).doesNotExist();
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
              () -> new DistWriter(dist).write(List.of(output("dev", Map.of("a.yaml", "a\n")))))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("is already writing");
    }
    assertThat(dist.resolve("dev")).doesNotExist();
  }

  @Test
  void refusesPathsThatLeaveTheFolder() {
    SynthOutput output = new SynthOutput("dev", 0, 0);
    for (String path : List.of("../x.yaml", "/etc/x", "a/../../x", "", "a//b")) {
      assertThatThrownBy(() -> output.add(path, "x")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
