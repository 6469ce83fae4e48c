package io.stackwright.output;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Replaces {@code dist/<env>/} folders as a whole, so that a failed or killed synth never leaves a
 * mix of old and new files.
 *
 * <p>Each environment is written completely into a scratch folder {@code dist/.<env>.tmp-<pid>}
 * beside it, then swapped in with two renames: the old folder to {@code dist/.<env>.old}, the new
 * one into place. A process killed between those two renames leaves the old folder under its
 * scratch name; the next run puts it back before doing anything else. A lock on {@code dist/.lock}
 * keeps two synths of one project from interleaving. Files are only replaced when their content
 * changed, and an environment whose files are all unchanged is not touched at all.
 */
public final class DistWriter {

  /** What happened to one environment's folder. */
  public enum Result {
    /** The folder was created or replaced. */
    WRITTEN,
    /** The folder already held exactly these files. */
    UNCHANGED
  }

  private final Path dist;

  /** A writer for the {@code dist} folder {@code dist}. */
  public DistWriter(Path dist) {
    this.dist = dist;
  }

  /**
   * Writes every output, each as one swap. Either all outputs have been checked before this is
   * called, or none is written: the caller decides; this only guarantees that each folder is old or
   * new, never a mix.
   *
   * @return the result per environment, in the order given
   * @throws IOException when a folder cannot be written; the folders not yet swapped keep their old
   *     content
   */
  public Map<String, Result> write(List<SynthOutput> outputs) throws IOException {
    Files.createDirectories(dist);
    try (FileChannel channel =
            FileChannel.open(
                dist.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(channel)) {
      assert lock.isValid();
      Map<String, Result> results = new java.util.LinkedHashMap<>();
      for (SynthOutput output : outputs) {
        recover(output.environment());
        results.put(output.environment(), writeOne(output));
      }
      return results;
    }
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

  /**
   * Puts back a folder left under its scratch name by a run killed mid-swap, and clears scratch.
   */
  private void recover(String environment) throws IOException {
    Path target = dist.resolve(environment);
    Path old = dist.resolve("." + environment + ".old");
    if (Files.isDirectory(old)) {
      if (Files.exists(target)) {
        deleteTree(old);
      } else {
        move(old, target);
      }
    }
    try (DirectoryStream<Path> scratch =
        Files.newDirectoryStream(dist, "." + environment + ".tmp-*")) {
      for (Path path : scratch) {
        deleteTree(path);
      }
    }
  }

  private Result writeOne(SynthOutput output) throws IOException {
    Path target = dist.resolve(output.environment());
    if (Files.isDirectory(target) && read(target).equals(asComparable(output.files()))) {
      return Result.UNCHANGED;
    }
    Path scratch =
        dist.resolve("." + output.environment() + ".tmp-" + ProcessHandle.current().pid());
    Files.createDirectories(scratch);
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      Path path = scratch.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      try (FileChannel channel =
          FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        channel.write(java.nio.ByteBuffer.wrap(file.getValue()));
        channel.force(true);
      }
    }
    Path old = dist.resolve("." + output.environment() + ".old");
    if (Files.exists(target)) {
      move(target, old);
    }
    move(scratch, target);
    if (Files.exists(old)) {
      deleteTree(old);
    }
    return Result.WRITTEN;
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

  private static void move(Path from, Path to) throws IOException {
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
      return new String(content, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
