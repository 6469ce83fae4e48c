package io.stackwright.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Replaces {@code dist/<env>/} folders so that a failed or killed synth leaves every folder exactly
 * as it was, or (once the last rename is done) exactly as synthesized: never a mix of old and new
 * files, and never some environments old and others new because one of them failed.
 *
 * <p>Three steps, under a lock on {@code dist/.lock} so that two synths of one project cannot
 * interleave:
 *
 * <ol>
 *   <li>Write every changed environment completely into a scratch folder {@code
 *       dist/.<env>.tmp-<pid>}. A failure here deletes the scratch folders; {@code dist/} is
 *       unchanged.
 *   <li>Swap each in with two renames: the current folder to {@code dist/.<env>.old}, the scratch
 *       folder into its place. A failure here renames back every folder already swapped.
 *   <li>Delete the {@code .old} folders.
 * </ol>
 *
 * <p>A process killed during step 2 leaves a {@code .old} folder behind; the next run, before
 * anything else, puts back every {@code .old} folder whose environment folder is missing, and
 * otherwise deletes it, together with any scratch folder. Environments whose files are all
 * unchanged are not touched. Files are written with mode 0644, whatever the umask, so that
 * containers running as another user can read the files a Compose file mounts.
 */
public final class DistWriter {

  /** What happened to one environment's folder. */
  public enum Result {
    /** The folder was created or replaced. */
    WRITTEN,
    /** The folder already held exactly these files. */
    UNCHANGED,
    /** The folder was removed: its environment file no longer exists. */
    REMOVED
  }

  private static final String OLD = ".old";

  /** Renames a folder; replaceable so that tests can make a rename fail. */
  @FunctionalInterface
  interface Rename {
    void move(Path from, Path to) throws IOException;
  }

  private final Path dist;
  private final Rename rename;

  /** A writer for the {@code dist} folder {@code dist}. */
  public DistWriter(Path dist) {
    this(dist, DistWriter::atomicMove);
  }

  DistWriter(Path dist, Rename rename) {
    this.dist = dist;
    this.rename = rename;
  }

  /**
   * Writes every output as one transaction.
   *
   * @param outputs the environments to write
   * @param isStale which other folders of {@code dist/} to remove in the same transaction (for a
   *     synth of every environment: those whose environment file is gone); {@code name -> false} to
   *     keep them all
   * @return the result per environment: the outputs in the order given, then the removed folders
   * @throws IOException when anything cannot be written; {@code dist/} is then as it was
   */
  public Map<String, Result> write(List<SynthOutput> outputs, Predicate<String> isStale)
      throws IOException {
    Files.createDirectories(dist);
    try (FileChannel channel =
            FileChannel.open(
                dist.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(channel)) {
      assert lock.isValid();
      recover();
      Map<String, Result> results = new LinkedHashMap<>();
      Map<String, Path> scratch = new LinkedHashMap<>();
      try {
        for (SynthOutput output : outputs) {
          Path target = dist.resolve(output.environment());
          if (Files.isDirectory(target) && read(target).equals(asComparable(output.files()))) {
            results.put(output.environment(), Result.UNCHANGED);
          } else {
            scratch.put(output.environment(), writeScratch(output));
            results.put(output.environment(), Result.WRITTEN);
          }
        }
        for (String stale : staleFolders(outputs, isStale)) {
          scratch.put(stale, null);
          results.put(stale, Result.REMOVED);
        }
      } catch (IOException | RuntimeException e) {
        for (Path folder : scratch.values()) {
          if (folder != null) {
            deleteTree(folder);
          }
        }
        throw e;
      }
      swap(scratch);
      return results;
    }
  }

  /** Renames every scratch folder into place (a null scratch removes the folder), or none. */
  private void swap(Map<String, Path> scratch) throws IOException {
    List<String> swapped = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> entry : scratch.entrySet()) {
        Path target = dist.resolve(entry.getKey());
        Path old = dist.resolve("." + entry.getKey() + OLD);
        if (Files.exists(target)) {
          move(target, old);
        }
        swapped.add(entry.getKey());
        if (entry.getValue() != null) {
          move(entry.getValue(), target);
        }
      }
    } catch (IOException | RuntimeException e) {
      for (int i = swapped.size() - 1; i >= 0; i--) {
        rollBack(swapped.get(i), scratch.get(swapped.get(i)));
      }
      for (Path folder : scratch.values()) {
        if (folder != null) {
          deleteTree(folder);
        }
      }
      throw e;
    }
    for (String environment : swapped) {
      deleteTree(dist.resolve("." + environment + OLD));
    }
  }

  private void rollBack(String environment, Path scratch) throws IOException {
    Path target = dist.resolve(environment);
    Path old = dist.resolve("." + environment + OLD);
    if (scratch != null && Files.exists(target) && !Files.exists(scratch)) {
      move(target, scratch);
    }
    if (Files.exists(old)) {
      move(old, target);
    }
  }

  private List<String> staleFolders(List<SynthOutput> outputs, Predicate<String> isStale)
      throws IOException {
    List<String> written = outputs.stream().map(SynthOutput::environment).toList();
    List<String> stale = new ArrayList<>();
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(dist, Files::isDirectory)) {
      for (Path folder : folders) {
        String name = folder.getFileName().toString();
        if (!name.startsWith(".") && !written.contains(name) && isStale.test(name)) {
          stale.add(name);
        }
      }
    }
    stale.sort(null);
    return stale;
  }

  private FileLock lock(FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new IOException(
            "another synth is writing "
                + dist
                + " (it holds "
                + dist.resolve(".lock")
                + "); wait for it to finish and run again");
      }
      return lock;
    } catch (OverlappingFileLockException e) {
      throw new IOException("this process is already writing " + dist, e);
    }
  }

  /** Puts back folders left under their {@code .old} name by a killed run; clears scratch. */
  private void recover() throws IOException {
    List<Path> leftovers = new ArrayList<>();
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(dist, ".*")) {
      hidden.forEach(leftovers::add);
    }
    leftovers.sort(null);
    for (Path path : leftovers) {
      String name = path.getFileName().toString();
      if (!Files.isDirectory(path)) {
        continue;
      }
      if (name.endsWith(OLD)) {
        Path target = dist.resolve(name.substring(1, name.length() - OLD.length()));
        if (Files.exists(target)) {
          deleteTree(path);
        } else {
          move(path, target);
        }
      } else if (name.contains(".tmp-")) {
        deleteTree(path);
      }
    }
  }

  private Path writeScratch(SynthOutput output) throws IOException {
    Path scratch =
        dist.resolve("." + output.environment() + ".tmp-" + ProcessHandle.current().pid());
    deleteTree(scratch);
    Files.createDirectories(scratch);
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      Path path = scratch.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      try (FileChannel channel =
          FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(file.getValue()));
        channel.force(true);
      }
      if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    return scratch;
  }

  /** The files under {@code folder}, by {@code /}-separated relative path. */
  public static SortedMap<String, Bytes> read(Path folder) throws IOException {
    SortedMap<String, Bytes> files = new TreeMap<>();
    if (!Files.isDirectory(folder)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(path)) {
          String relative = folder.relativize(path).toString().replace('\\', '/');
          files.put(relative, new Bytes(Files.readAllBytes(path)));
        }
      }
    }
    return files;
  }

  /** {@code files} with contents that compare by value. */
  public static SortedMap<String, Bytes> asComparable(Map<String, byte[]> files) {
    SortedMap<String, Bytes> result = new TreeMap<>();
    files.forEach((path, content) -> result.put(path, new Bytes(content)));
    return result;
  }

  private void move(Path from, Path to) throws IOException {
    rename.move(from, to);
  }

  private static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot rename " + from + " to " + to + " atomically; is dist/ on one file system?", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * File content that compares by value.
   *
   * @param content the bytes
   */
  public record Bytes(byte[] content) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Bytes b && Arrays.equals(content, b.content);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(content);
    }

    @Override
    public String toString() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }
}
