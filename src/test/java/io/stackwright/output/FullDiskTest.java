package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A full disk, at every point of a write: the tests run as root, so permissions cannot stop a
 * write, and a real small file system needs a mount; an in-memory file system with a size limit
 * (Jimfs) fails a write with "out of disk space" at exactly the byte where the space ends.
 */
class FullDiskTest {
  private static final int BLOCK = 8192;

  private static SynthOutput output(String env, String version, int files, int size) {
    SynthOutput output = new SynthOutput(env, 0, 0);
    for (int i = 0; i < files; i++) {
      output.add("file-" + i + ".yaml", ("v: " + version + "\n").repeat(size / 8));
    }
    output.add("compose/compose.yaml", "services: {} # " + version + "\n");
    return output;
  }

  private static SortedMap<String, DistWriter.Bytes> outputs(Path dist) throws IOException {
    SortedMap<String, DistWriter.Bytes> files = new TreeMap<>(DistInput.read(dist));
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  @Test
  void aDiskThatFillsUpAtAnyPointLeavesTheOldOutputOrTheNewNeverAMix() throws IOException {
    List<SynthOutput> oldOutputs =
        List.of(output("staging", "old", 3, 3 * BLOCK), output("prod", "old", 3, 3 * BLOCK));
    List<SynthOutput> newOutputs =
        List.of(output("staging", "new", 4, 3 * BLOCK), output("prod", "new", 4, 3 * BLOCK));
    SortedMap<String, DistWriter.Bytes> oldFiles = null;
    SortedMap<String, DistWriter.Bytes> newFiles = null;
    List<String> failures = new ArrayList<>();
    int written = 0;
    // From a disk the old output just fits on to one with room for both: every point at which
    // the space can end, one block at a time.
    for (int blocks = 30; blocks <= 90; blocks++) {
      Configuration config =
          Configuration.unix().toBuilder()
              .setBlockSize(BLOCK)
              .setMaxSize((long) blocks * BLOCK)
              .build();
      try (FileSystem fs = Jimfs.newFileSystem(config)) {
        Path dist = fs.getPath("/project/dist");
        DistWriter writer = new DistWriter(dist);
        try {
          writer.write(oldOutputs, name -> false);
        } catch (IOException e) {
          continue; // not even the old output fits: nothing to protect
        }
        oldFiles = outputs(dist);
        try {
          writer.write(newOutputs, name -> false);
          written++;
          newFiles = outputs(dist);
          assertThat(outputs(dist)).as("%d blocks", blocks).isEqualTo(newFiles);
        } catch (IOException e) {
          failures.add(blocks + ": " + e.getMessage());
          assertThat(e.getMessage()).containsIgnoringCase("space");
          assertThat(outputs(dist))
              .as("%d blocks: the old output, whole", blocks)
              .isEqualTo(oldFiles);
        }
        try (Stream<Path> entries = Files.list(dist)) {
          assertThat(entries.map(p -> p.getFileName().toString()))
              .as("%d blocks: nothing left behind", blocks)
              .allMatch(name -> !name.startsWith(".") || name.equals(".lock"));
        }
      }
    }

    System.out.printf(
        "full disk: %d writes ran out of space, %d fitted%n", failures.size(), written);
    assertThat(failures).as("the disk filled up during some writes").isNotEmpty();
    assertThat(written).as("and some disks were big enough").isPositive();
    assertThat(newFiles.keySet()).contains("prod/file-3.yaml", "staging/file-3.yaml");
    assertThat(oldFiles).doesNotContainKey("prod/file-3.yaml");
  }

  @Test
  void aWriteThatFailsForWantOfSpaceFreesTheSpaceItTook() throws IOException {
    Configuration config =
        Configuration.unix().toBuilder().setBlockSize(BLOCK).setMaxSize(40L * BLOCK).build();
    try (FileSystem fs = Jimfs.newFileSystem(config)) {
      Path dist = fs.getPath("/dist");
      DistWriter writer = new DistWriter(dist);
      writer.write(List.of(output("prod", "old", 2, 2 * BLOCK)), name -> false);
      long free = Files.getFileStore(dist).getUnallocatedSpace();

      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          writer.write(List.of(output("prod", "new", 40, 2 * BLOCK)), name -> false);
        } catch (IOException e) {
          assertThat(e.getMessage()).containsIgnoringCase("space");
        }
        assertThat(Files.getFileStore(dist).getUnallocatedSpace())
            .as("attempt %d", attempt)
            .isEqualTo(free);
      }
      assertThat(outputs(dist))
          .isEqualTo(
              DistWriter.asComparable(
                  Map.of(
                      "prod/file-0.yaml",
                      ("v: old\n").repeat(2 * BLOCK / 8).getBytes(),
                      "prod/file-1.yaml",
                      ("v: old\n").repeat(2 * BLOCK / 8).getBytes(),
                      "prod/compose/compose.yaml",
                      "services: {} # old\n".getBytes())));
    }
  }
}
