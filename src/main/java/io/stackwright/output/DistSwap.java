package io.stackwright.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The write-and-swap of one {@link DistWriter} transaction: each changed name is written completely
 * into its scratch copy ({@link #stageOutputs}, {@link #stageFiles}), then the journal lists them,
 * each is swapped into place and the journal is committed ({@link #commit}). A name whose files
 * (content and mode) are unchanged is not touched. Files get mode 0644 and folders 0755, whatever
 * the umask, so that containers running as another user can read the files a Compose file mounts.
 */
final class DistSwap {
  /** The mode a synth gives a file. */
  static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

  /** The mode a synth gives a folder. */
  static final Set<PosixFilePermission> FOLDER_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

  private final DistFolder folder;
  private final Map<String, DistWriter.Result> results = new LinkedHashMap<>();
  private final List<Journal.Entry> entries = new ArrayList<>();

  DistSwap(DistFolder folder) {
    this.folder = folder;
  }

  /** What the transaction does to each name: the outputs, then the removed folders, then files. */
  Map<String, DistWriter.Result> results() {
    return results;
  }

  /** Whether the transaction changes anything. */
  boolean changes() {
    return !entries.isEmpty();
  }

  /** Writes the scratch copy of each output that changed. */
  void stageOutputs(List<SynthOutput> outputs) throws IOException {
    for (SynthOutput output : outputs) {
      stage(output);
    }
  }

  /** Removes these folders in the same transaction. */
  void remove(List<String> stale) {
    for (String name : stale) {
      entries.add(new Journal.Entry(name, true, true));
      results.put(name, DistWriter.Result.REMOVED);
    }
  }

  /** Writes the scratch copy of each file at the top of {@code dist/} that changed, by name. */
  void stageFiles(Map<String, byte[]> rootFiles) throws IOException {
    for (Map.Entry<String, byte[]> file : new TreeMap<>(rootFiles).entrySet()) {
      stage(file.getKey(), file.getValue());
    }
  }

  /** Writes the journal, swaps every changed name into place, and commits. */
  void commit() throws IOException {
    Path temp = folder.journalScratch();
    writeDurably(temp, Journal.text(entries));
    folder.move(temp, folder.journal());
    for (Journal.Entry entry : entries) {
      swap(entry);
    }
    folder.move(folder.journal(), folder.committed());
  }

  private void stage(SynthOutput output) throws IOException {
    String name = output.environment();
    Path target = folder.target(name);
    DistFolder.checkOwn(target, true);
    boolean existed = DistFolder.exists(target);
    if (isUnchanged(target, output)) {
      results.put(name, DistWriter.Result.UNCHANGED);
    } else {
      writeScratch(output);
      entries.add(new Journal.Entry(name, existed, false));
      results.put(name, DistWriter.Result.WRITTEN);
    }
  }

  private void stage(String name, byte[] content) throws IOException {
    Path target = folder.target(name);
    byte[] before = DistInput.readFile(target);
    if (before != null && Arrays.equals(before, content) && modesAreRight(target)) {
      results.put(name, DistWriter.Result.UNCHANGED);
    } else {
      Path scratch = folder.scratch(name);
      writeDurably(scratch, content);
      setMode(scratch, FILE_MODE);
      entries.add(new Journal.Entry(name, before != null, false));
      results.put(name, DistWriter.Result.WRITTEN);
    }
  }

  private void swap(Journal.Entry entry) throws IOException {
    Path target = folder.target(entry.name());
    if (entry.hadOld()) {
      folder.move(target, folder.setAside(entry.name()));
    }
    if (!entry.remove()) {
      folder.move(folder.scratch(entry.name()), target);
    }
  }

  private static boolean isUnchanged(Path target, SynthOutput output) throws IOException {
    return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
        && DistInput.read(target).equals(DistWriter.asComparable(output.files()))
        && modesAreRight(target);
  }

  private static boolean modesAreRight(Path path) throws IOException {
    return DistInput.wrongModes(path).isEmpty();
  }

  private void writeScratch(SynthOutput output) throws IOException {
    Path scratch = folder.scratch(output.environment());
    DistWriter.deleteTree(scratch);
    Files.createDirectories(scratch);
    setMode(scratch, FOLDER_MODE);
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      Path path = scratch.resolve(file.getKey());
      for (Path dir = path.getParent(); !dir.equals(scratch); dir = dir.getParent()) {
        if (!Files.exists(dir)) {
          Files.createDirectories(dir);
        }
        setMode(dir, FOLDER_MODE);
      }
      writeDurably(path, file.getValue());
      setMode(path, FILE_MODE);
    }
  }

  private static void writeDurably(Path path, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            path,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      channel.write(ByteBuffer.wrap(content));
      channel.force(true);
    }
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, mode);
    }
  }
}
