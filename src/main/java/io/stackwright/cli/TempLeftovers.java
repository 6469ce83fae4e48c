package io.stackwright.cli;

import io.stackwright.files.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes what synths leave in the temp folder.
 *
 * <ul>
 *   <li>The jsii runtime's {@code jsii-java-runtime*} folders: each JVM that runs cdk8s unpacks the
 *       runtime into a new one and deletes the files when it exits, but not the folders, so every
 *       synth leaves one. Only trees that hold no file at all and have not changed for {@link
 *       #MIN_AGE} are removed: a running JVM's folder holds the runtime's files, and one that
 *       another JVM has only just created is too young, so a synth never pulls the runtime from
 *       under another process.
 *   <li>The validation gate's {@code stackwright-validate*} folders (the output copied for the
 *       tools), which a synth removes as it ends, but a killed one (SIGKILL) cannot. Such a tree is
 *       removed, files and all, once nothing in it has changed for {@link #OWN_MIN_AGE}: a synth
 *       needs its folders for seconds.
 * </ul>
 */
final class TempLeftovers {
  /** How long an empty runtime folder must be unchanged before it counts as left over. */
  static final Duration MIN_AGE = Duration.ofMinutes(1);

  /** How long one of the gate's folders must be unchanged before it counts as left over. */
  static final Duration OWN_MIN_AGE = Duration.ofHours(1);

  private TempLeftovers() {}

  /** Removes leftovers in {@code tempDir}, best effort: a failure is never the synth's problem. */
  static int sweep(Path tempDir, Instant now) {
    return sweep(tempDir, "jsii-java-runtime*", now.minus(MIN_AGE), false)
        + sweep(tempDir, "stackwright-validate*", now.minus(OWN_MIN_AGE), true);
  }

  /**
   * Removes each folder matching {@code glob} in which nothing changed after {@code cutoff};
   * without {@code files}, only those that hold no file.
   */
  private static int sweep(Path tempDir, String glob, Instant cutoff, boolean files) {
    int removed = 0;
    for (Path dir : candidates(tempDir, glob)) {
      try {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
            && isUnchangedSince(dir, cutoff, files)) {
          FileTrees.delete(dir);
          removed++;
        }
      } catch (IOException | UncheckedIOException e) {
        // Another user's, or one that changed meanwhile: leave it.
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
   * without {@code files}, a tree that holds a file at all does not count. Links are not followed.
   */
  private static boolean isUnchangedSince(Path root, Instant cutoff, boolean files)
      throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.allMatch(path -> isUnchangedSince(attributes(path), cutoff, files));
    }
  }

  private static boolean isUnchangedSince(
      BasicFileAttributes entry, Instant cutoff, boolean files) {
    return (files || entry.isDirectory()) && !entry.lastModifiedTime().toInstant().isAfter(cutoff);
  }

  private static BasicFileAttributes attributes(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
