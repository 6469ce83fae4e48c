package io.stackwright.output;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where a {@link DistWriter} puts each name of {@code dist/} while it replaces it, and the renames
 * between those places: the name itself ({@code dist/prod}), its scratch copy ({@code
 * dist/.prod.tmp}), what was set aside of it ({@code dist/.prod.old}), and the journal, open
 * ({@code dist/.swap}) or committed ({@code dist/.swap.done}).
 */
final class DistFolder {
  /** The suffix of what a transaction set aside. */
  static final String OLD = ".old";

  /** The suffix of what a transaction writes before it swaps it in. */
  static final String SCRATCH = ".tmp";

  private final Path dist;
  private final DistWriter.Rename rename;

  DistFolder(Path dist, DistWriter.Rename rename) {
    this.dist = dist;
    this.rename = rename;
  }

  /** The {@code dist/} folder. */
  Path dist() {
    return dist;
  }

  /**
   * Whether {@code dist/} is there: a folder, not a symbolic link (through which a synth would
   * write, and delete, elsewhere).
   */
  boolean isThere() throws IOException {
    BasicFileAttributes attributes = DistInput.attributes(dist);
    if (attributes == null) {
      return false;
    }
    if (attributes.isSymbolicLink()) {
      throw new DistInput.UntrustedException(
          dist,
          "is a symbolic link; a synth writes and deletes folders in dist/, never through a link",
          "replace the link with a folder (or delete it) and run again");
    }
    if (!attributes.isDirectory()) {
      throw new DistInput.UntrustedException(
          dist, "is not a folder", "move that file away so that the synth can create the folder");
    }
    return true;
  }

  /** An environment's folder or a file at the top of {@code dist/}. */
  Path target(String name) {
    return dist.resolve(name);
  }

  /** Where a transaction writes {@code name} before it swaps it in. */
  Path scratch(String name) {
    return dist.resolve("." + name + SCRATCH);
  }

  /** Where a transaction sets {@code name} aside while it swaps the new one in. */
  Path setAside(String name) {
    return dist.resolve("." + name + OLD);
  }

  /** The open journal. */
  Path journal() {
    return dist.resolve(Journal.FILE);
  }

  /** The committed journal. */
  Path committed() {
    return dist.resolve(Journal.COMMITTED);
  }

  /** Where the journal is written before it is renamed, so that it is complete or absent. */
  Path journalScratch() {
    return dist.resolve(Journal.FILE + SCRATCH);
  }

  /** Renames a folder or file of {@code dist/}. */
  void move(Path from, Path to) throws IOException {
    rename.move(from, to);
  }

  /**
   * The environments' folders of {@code dist/} that {@code which} accepts, sorted; never a symbolic
   * link.
   */
  List<String> folders(Predicate<String> which) throws IOException {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> folders =
        Files.newDirectoryStream(dist, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
      for (Path folder : folders) {
        String name = folder.getFileName().toString();
        if (DistWriter.isFolderName(name) && which.test(name)) {
          found.add(name);
        }
      }
    }
    found.sort(null);
    return found;
  }

  /** Renames atomically, as a transaction needs. */
  static void atomicMove(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot rename " + from + " to " + to + " atomically; is dist/ on one file system?", e);
    }
  }

  /** Whether anything is at {@code path} itself, a link not followed. */
  static boolean exists(Path path) throws IOException {
    return DistInput.attributes(path) != null;
  }

  /**
   * Refuses a path a repair would delete or rename unless it is what a synth puts there: a folder
   * for an environment, a file for a root file; never a symbolic link.
   */
  static void checkOwn(Path path, boolean folder) throws IOException {
    BasicFileAttributes attributes = DistInput.attributes(path);
    if (attributes != null && (folder ? !attributes.isDirectory() : !attributes.isRegularFile())) {
      throw new DistInput.UntrustedException(
          path,
          (attributes.isSymbolicLink()
                  ? "is a symbolic link"
                  : "is not a " + (folder ? "folder" : "file"))
              + ", which no synth leaves there; a synth would rename or delete it, so nothing was"
              + " touched",
          "compare dist/ with version control (git status dist), delete it, and run again");
    }
  }
}
