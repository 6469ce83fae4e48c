package io.stackwright.output;

import io.stackwright.text.Printable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what a synth reads back from {@code dist/}, as the input it is: {@code dist/} is committed,
 * so a pull request can put anything there. Nothing is ever read through a symbolic link (a link to
 * {@code ~/.ssh/id_rsa} would print the key in a diff), nor from a pipe or a device (which would
 * hang or never end), nor a file larger than any a synth writes: each of these is refused with an
 * {@link UntrustedException} that names the path and how to fix it.
 */
public final class DistInput {
  /** Larger than any file a synth writes; a larger one did not come from a synth. */
  static final long MAX_FILE_BYTES = 64L << 20;

  /** More than any environment's folder holds, in bytes and in files. */
  static final long MAX_FOLDER_BYTES = 256L << 20;

  static final int MAX_FOLDER_FILES = 20_000;

  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private DistInput() {}

  /**
   * {@code dist/} holds something a synth never writes: a journal naming a path outside {@code
   * dist/}, a symbolic link, a pipe. Bad input; the synth has touched nothing.
   */
  public static final class UntrustedException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param path what was refused
     * @param what what is wrong with it, such as {@code is a symbolic link}
     * @param fix how to fix it
     */
    public UntrustedException(Path path, String what, String fix) {
      super(Printable.line(path.toString()) + " " + what + "; " + fix);
    }
  }

  /**
   * The files under {@code folder}, by {@code /}-separated relative path; empty when {@code folder}
   * does not exist or is not a folder.
   *
   * @param folder the folder to read
   * @return the files' contents, by path
   * @throws UntrustedException when {@code folder} or anything in it is a symbolic link or not a
   *     plain file or folder, or a file is larger than any a synth writes
   * @throws IOException when a file cannot be read
   */
  public static SortedMap<String, DistWriter.Bytes> read(Path folder) throws IOException {
    SortedMap<String, DistWriter.Bytes> files = new TreeMap<>();
    SortedMap<Path, BasicFileAttributes> paths = walk(folder);
    if (paths.isEmpty() || !paths.get(folder).isDirectory()) {
      return files;
    }
    // Measured before anything is read: a folder of many large files must not fill the heap.
    long total = 0;
    int count = 0;
    for (BasicFileAttributes attributes : paths.values()) {
      if (attributes.isRegularFile()) {
        total += attributes.size();
        count++;
        if (total > MAX_FOLDER_BYTES || count > MAX_FOLDER_FILES) {
          throw new UntrustedException(
              folder,
              "holds more than any environment's output ("
                  + MAX_FOLDER_FILES
                  + " files or "
                  + (MAX_FOLDER_BYTES >> 20)
                  + " MiB)",
              "restore it from version control (git checkout -- dist) and run again");
        }
      }
    }
    for (Map.Entry<Path, BasicFileAttributes> path : paths.entrySet()) {
      if (path.getValue().isRegularFile()) {
        files.put(relative(folder, path.getKey()), new DistWriter.Bytes(readFile(path.getKey())));
      }
    }
    return files;
  }

  /**
   * The bytes of one file a synth wrote, such as {@code dist/ENVIRONMENTS.md}; {@code null} when
   * there is none.
   *
   * @param file the file to read
   * @return its bytes, or {@code null}
   * @throws UntrustedException when it is a symbolic link, not a plain file, or larger than any
   *     file a synth writes
   * @throws IOException when it cannot be read
   */
  public static byte[] readFile(Path file) throws IOException {
    BasicFileAttributes attributes = attributes(file);
    if (attributes == null) {
      return null;
    }
    refuseOdd(file, attributes);
    if (attributes.isDirectory()) {
      throw new UntrustedException(
          file, "is a folder where a synth writes a file", "move it away and run again");
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      throw new UntrustedException(
          file,
          "is larger than any file a synth writes (" + attributes.size() + " bytes)",
          "delete it, or restore it from version control, and run again");
    }
    return Files.readAllBytes(file);
  }

  /**
   * The files and folders under {@code path} (and {@code path} itself) whose mode is not the one a
   * synth gives them, so that a synth would rewrite them: by {@code /}-separated path relative to
   * {@code path} ({@code ""} for {@code path} itself), each with its mode ({@code rw-------}).
   * Empty on a file system without POSIX modes or when {@code path} does not exist.
   *
   * @param path a folder of {@code dist/}, or a file at its top
   * @return the paths whose mode is wrong, sorted
   * @throws UntrustedException when anything there is a symbolic link or not a plain file or folder
   * @throws IOException when the folder cannot be read
   */
  public static SortedMap<String, String> wrongModes(Path path) throws IOException {
    SortedMap<String, String> wrong = new TreeMap<>();
    SortedMap<Path, BasicFileAttributes> paths = walk(path);
    if (paths.isEmpty() || !Files.getFileStore(path).supportsFileAttributeView("posix")) {
      return wrong;
    }
    for (Path each : paths.keySet()) {
      PosixFileAttributes attributes =
          Files.readAttributes(each, PosixFileAttributes.class, NO_FOLLOW);
      String mode = PosixFilePermissions.toString(attributes.permissions());
      if (!mode.equals(DistWriter.modeOf(attributes.isDirectory()))) {
        wrong.put(relative(path, each), mode);
      }
    }
    return wrong;
  }

  /**
   * {@code path} and everything under it, each with its attributes, links never followed, sorted;
   * empty when it does not exist. A plain file alone is its own walk.
   */
  private static SortedMap<Path, BasicFileAttributes> walk(Path path) throws IOException {
    SortedMap<Path, BasicFileAttributes> found = new TreeMap<>();
    if (attributes(path) == null) {
      return found;
    }
    // The root is visited too: as a folder, or (a file or a link, never followed) as a file.
    Files.walkFileTree(
        path,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            refuseOdd(dir, attributes);
            found.put(dir, attributes);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            refuseOdd(file, attributes);
            found.put(file, attributes);
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  /**
   * A symbolic link, a pipe, a socket or a device, or a name with a control character (which could
   * forge a line of a diff): nothing a synth writes.
   */
  private static void refuseOdd(Path path, BasicFileAttributes attributes)
      throws UntrustedException {
    Path name = path.getFileName();
    if (name != null && name.toString().chars().anyMatch(c -> Printable.isUnprintable((char) c))) {
      throw new UntrustedException(
          path,
          "has a control or invisible character in its name, which no synth writes",
          "rename or delete it and run again");
    }
    if (attributes.isSymbolicLink()) {
      throw new UntrustedException(
          path,
          "is a symbolic link, which a synth never writes and never follows",
          "delete the link (or restore dist/ from version control) and run again");
    }
    if (!attributes.isRegularFile() && !attributes.isDirectory()) {
      throw new UntrustedException(
          path,
          "is neither a plain file nor a folder (a pipe, a socket or a device)",
          "delete it and run again");
    }
  }

  /** The attributes of {@code path} itself, or {@code null} when there is nothing there. */
  static BasicFileAttributes attributes(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, NO_FOLLOW);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String relative(Path root, Path path) {
    return root.relativize(path).toString().replace('\\', '/');
  }
}
