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
import java.util.List;

/**
 * Removes the folders the jsii runtime leaves in the temp folder. Each JVM that runs cdk8s unpacks
 * the runtime into a new {@code jsii-java-runtime*} folder and deletes the files when it exits, but
 * not the folders, so every synth would leave one behind.
 *
 * <p>Only trees that hold no file at all and have not changed for {@link #MIN_AGE} are removed: a
 * running JVM's folder holds the runtime's files, and one that another JVM has only just created is
 * too young, so a synth never pulls the runtime from under another process.
 */
final class JsiiLeftovers {
  /** How long an empty runtime folder must be unchanged before it counts as left over. */
  static final Duration MIN_AGE = Duration.ofMinutes(1);

  private JsiiLeftovers() {}

  /** Removes leftovers in {@code tempDir}, best effort: a failure is never the synth's problem. */
  static int sweep(Path tempDir, Instant now) {
    int removed = 0;
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tempDir, "jsii-java-runtime*")) {
      dirs.forEach(candidates::add);
    } catch (IOException e) {
      return 0;
    }
    for (Path dir : candidates) {
      try {
        if (Files.isDirectory(dir) && isEmptyTreeOlderThan(dir, now.minus(MIN_AGE))) {
          deleteEmptyTree(dir);
          removed++;
        }
      } catch (IOException e) {
        // Another process's folder, or one that changed meanwhile: leave it.
      }
    }
    return removed;
  }

  private static boolean isEmptyTreeOlderThan(Path root, Instant cutoff) throws IOException {
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
            ok[0] = false;
            return FileVisitResult.TERMINATE;
          }
        });
    return ok[0];
  }

  private static void deleteEmptyTree(Path root) throws IOException {
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
