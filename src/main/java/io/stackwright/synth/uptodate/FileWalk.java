package io.stackwright.synth.uptodate;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Every file and folder under a root, for a digest: what cannot be opened or read is named instead
 * and the walk goes on past it, so that a folder that cannot be opened hides only itself.
 */
final class FileWalk {
  private FileWalk() {}

  /**
   * Every file and folder under {@code root}, sorted, links not followed; each one that cannot be
   * opened or read is named in {@code unreadable} instead, and the walk goes on past it. A root
   * that is itself a link to a folder is followed (a walk otherwise yields the link alone, and its
   * folder's content would count for nothing); what is found is named under {@code root} still.
   */
  static List<Path> walk(Path root, SortedSet<String> unreadable) {
    List<Path> found = new ArrayList<>();
    Path start = root;
    if (Files.isSymbolicLink(root)) {
      try {
        start = root.toRealPath();
      } catch (IOException e) {
        unreadable.add("unreadable " + root);
        return found;
      }
    }
    try {
      Files.walkFileTree(start, new Collector(root, start, found, unreadable));
    } catch (IOException e) {
      unreadable.add("unreadable " + root);
    }
    found.sort(null);
    return found;
  }

  /**
   * Adds what it visits to {@code found}, named under {@code root}; what fails to {@code
   * unreadable}.
   */
  private static final class Collector extends SimpleFileVisitor<Path> {
    private final Path root;
    private final Path start;
    private final List<Path> found;
    private final SortedSet<String> unreadable;

    Collector(Path root, Path start, List<Path> found, SortedSet<String> unreadable) {
      this.root = root;
      this.start = start;
      this.found = found;
      this.unreadable = unreadable;
    }

    private Path under(Path path) {
      return root.resolve(start.relativize(path));
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      found.add(under(dir));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      found.add(under(file));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      unreadable.add("unreadable " + under(file));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      // A folder that opened but whose listing then failed.
      if (e != null) {
        unreadable.add("unreadable " + under(dir));
      }
      return FileVisitResult.CONTINUE;
    }
  }
}
