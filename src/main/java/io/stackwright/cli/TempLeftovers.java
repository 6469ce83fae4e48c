package io.stackwright.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what synths leave in the temp folder.
 *
 * <ul>
 *   <li>The jsii runtime's {@code jsii-java-runtime*} folders: each JVM that runs cdk8s unpacks the
 *       runtime into a new one and deletes the files when it exits, but not the folders. Only trees
 *       that hold no file at all and have not changed for {@link #MIN_AGE} are removed: a running
 *       JVM's folder holds the runtime's files, and one that another JVM has only just created is
 *       too young, so a synth never pulls the runtime from under another process.
 *   <li>This tool's own {@code stackwright-jsii*} (the kernel's scripts) and {@code
 *       stackwright-validate*} (the output copied for the validation tools) folders, which a synth
 *       removes as it ends, but a killed one (SIGKILL) cannot. Such a tree is removed, files and
 *       all, once nothing in it has changed for {@link #OWN_MIN_AGE}: a synth needs its folders for
 *       seconds.
 * </ul>
 */
final class TempLeftovers {
  /** How long an empty runtime folder must be unchanged before it counts as left over. */
  static final Duration MIN_AGE = Duration.ofMinutes(1);

  /** How long one of this tool's own folders must be unchanged before it counts as left over. */
  static final Duration OWN_MIN_AGE = Duration.ofHours(1);

  private TempLeftovers() {}

  /** Removes leftovers in {@code tempDir}, best effort: a failure is never the synth's problem. */
  static int sweep(Path tempDir, Instant now) {
    int removed = 0;
    for (Path dir : candidates(tempDir, "jsii-java-runtime*")) {
      try {
        if (Files.isDirectory(dir) && isUnchangedSince(dir, now.minus(MIN_AGE), false)) {
          deleteTree(dir, false);
          removed++;
        }
      } catch (IOException e) {
        // Another process's folder, or one that changed meanwhile: leave it.
      }
    }
    for (String own : List.of("stackwright-jsii*", "stackwright-validate*")) {
      for (Path dir : candidates(tempDir, own)) {
        try {
          if (Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)
              && isUnchangedSince(dir, now.minus(OWN_MIN_AGE), true)) {
            deleteTree(dir, true);
            removed++;
          }
        } catch (IOException e) {
          // Not ours to remove after all (another user's), or it changed meanwhile: leave it.
        }
      }
    }
    return removed;
  }

  private static List<Path> candidates(Path tempDir, String glob) {
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempDir, glob)) {
      dirs.forEach(candidates::add);
    } catch (IOException e) {
      // No temp folder, or one that cannot be listed: nothing to sweep.
    }
    return candidates;
  }

  /**
   * Whether no folder (and, with {@code files}, no file) in the tree changed after {@code cutoff};
   * without {@code files}, a tree that holds a file at all does not count.
   */
  private static boolean isUnchangedSince(Path root, Instant cutoff, boolean files)
      throws IOException {
    boolean[] ok = {true};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (attrs.lastModifiedTime().toInstant().isAfter(cutoff)) {
              ok[0] = false;
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (!files || attrs.lastModifiedTime().toInstant().isAfter(cutoff)) {
              ok[0] = false;
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return ok[0];
  }

  /** Deletes the tree; without {@code files}, it fails, and so stops, at the first file. */
  private static void deleteTree(Path root, boolean files) throws IOException {
    if (files) {
      // Deepest first; a link is deleted, never followed.
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            // Fails, and so stops, if a file appeared meanwhile.
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
