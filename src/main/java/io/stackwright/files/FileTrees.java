package io.stackwright.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Deletes a folder and everything under it, deepest first. A symbolic link is deleted, never
 * followed, so that a link planted in the tree (in {@code dist/}, say) cannot make this delete
 * anything outside it. What is already gone counts as deleted: nothing at the root, or an entry
 * another thread removed meanwhile.
 */
public final class FileTrees {
  private FileTrees() {}

  /**
   * Deletes {@code root} and everything under it, and fails at the first entry that cannot be
   * deleted; what was deleted before it stays deleted.
   *
   * @param root the folder (or file, or link) to delete
   * @throws IOException when an entry cannot be deleted or a folder cannot be read
   */
  public static void delete(Path root) throws IOException {
    try {
      Files.readAttributes(root, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null && !(e instanceof NoSuchFileException)) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Deletes {@code root} and everything under it as far as it can, for a scratch folder in the temp
   * folder, where a leftover harms nothing: a failure stops the deletion and is ignored.
   *
   * @param root the folder to delete, or {@code null} for none
   */
  public static void deleteQuietly(Path root) {
    if (root == null) {
      return;
    }
    try {
      delete(root);
    } catch (IOException | UncheckedIOException e) {
      // A leftover in the temp folder is no reason to fail what made it.
    }
  }
}
