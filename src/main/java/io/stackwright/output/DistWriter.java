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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Replaces {@code dist/<env>/} folders as one transaction: after a failure, or a kill at any point,
 * every folder is as it was before the synth, or, once the transaction has committed, as
 * synthesized; never a mix of old and new files, and never some environments old and others new.
 *
 * <p>Under a lock on {@code dist/.lock}, so that two synths of one project cannot interleave:
 *
 * <ol>
 *   <li>Write every changed environment completely into a scratch folder {@code dist/.<env>.tmp}.
 *   <li>Write the journal {@code dist/.swap}: which folders this transaction replaces, creates or
 *       removes (written aside and renamed, so it is complete or absent).
 *   <li>Swap: each existing folder to {@code dist/.<env>.old}, each scratch folder into its place.
 *   <li>Commit: rename the journal to {@code dist/.swap.done}.
 *   <li>Delete the {@code .old} folders, then the journal.
 * </ol>
 *
 * <p>{@link #recover()} finishes whatever a killed run left: with a committed journal it completes
 * the clean-up; with an uncommitted one it undoes every swap the journal lists; without a journal
 * it only deletes scratch folders. It runs before every write, and a synth should call it before
 * doing anything else, so that even a synth that then fails validation leaves {@code dist/} whole.
 *
 * <p>A file at the top of {@code dist/} that spans environments (see {@link #write(List, Map,
 * Predicate)}) takes the same steps as a folder: {@code dist/.<name>.tmp}, a journal line, {@code
 * dist/.<name>.old}.
 *
 * <p>Environments whose files are all unchanged (content and mode) are not touched. Files are
 * written with mode 0644 and folders with 0755, whatever the umask, so that containers running as
 * another user can read the files a Compose file mounts.
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
  private static final String SCRATCH = ".tmp";
  private static final String JOURNAL = ".swap";
  private static final String COMMITTED = ".swap.done";
  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Set<PosixFilePermission> FOLDER_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");

  /**
   * Another synth of the same project holds {@code dist/.lock}: nothing was done, and running again
   * once it has finished will work.
   */
  public static final class LockedException extends IOException {
    private static final long serialVersionUID = 1L;

    LockedException(String message) {
      super(message);
    }
  }

  /** Renames a folder or file; replaceable so that tests can make a rename fail. */
  @FunctionalInterface
  interface Rename {
    void move(Path from, Path to) throws IOException;
  }

  /** One journal line: an environment folder and whether it existed before the transaction. */
  private record Entry(String environment, boolean hadOld, boolean remove) {
    String line() {
      return (remove ? "remove" : hadOld ? "replace" : "create") + " " + environment;
    }

    static Entry parse(String line) {
      String[] parts = line.split(" ", 2);
      return new Entry(parts[1], !parts[0].equals("create"), parts[0].equals("remove"));
    }
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
   * Finishes or undoes a transaction a killed run left behind, and deletes scratch folders.
   *
   * @throws IOException when {@code dist/} cannot be repaired
   * @throws LockedException when another synth holds the lock
   */
  public void recover() throws IOException {
    if (!Files.isDirectory(dist)) {
      return;
    }
    try (FileChannel channel = openLock();
        FileLock lock = lock(channel)) {
      assert lock.isValid();
      recoverLocked();
    }
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
   * @throws LockedException when another synth holds the lock; nothing was done
   */
  public Map<String, Result> write(List<SynthOutput> outputs, Predicate<String> isStale)
      throws IOException {
    return write(outputs, Map.of(), isStale);
  }

  /**
   * Writes every output, and files at the top of {@code dist/} that span environments (such as the
   * environment comparison), as one transaction: a file is swapped in like a folder, so that it is
   * never new while the folders are old, or the other way round.
   *
   * @param outputs the environments to write
   * @param rootFiles files to write at the top of {@code dist/}, by name (no {@code /}, not
   *     starting with {@code .}); a file not given is left as it is
   * @param isStale which other folders of {@code dist/} to remove in the same transaction; {@code
   *     name -> false} to keep them all
   * @return the result per environment (the outputs in the order given, then the removed folders),
   *     then per root file
   * @throws IOException when anything cannot be written; {@code dist/} is then as it was
   * @throws LockedException when another synth holds the lock; nothing was done
   */
  public Map<String, Result> write(
      List<SynthOutput> outputs, Map<String, byte[]> rootFiles, Predicate<String> isStale)
      throws IOException {
    for (String name : rootFiles.keySet()) {
      if (name.contains("/") || name.contains("\\") || name.startsWith(".") || name.isEmpty()) {
        throw new IllegalArgumentException("not a file name at the top of dist/: " + name);
      }
    }
    if (Files.exists(dist) && !Files.isDirectory(dist)) {
      throw new IOException(
          dist + " is not a folder; move that file away so that the synth can create the folder");
    }
    Files.createDirectories(dist);
    try (FileChannel channel = openLock();
        FileLock lock = lock(channel)) {
      assert lock.isValid();
      recoverLocked();
      Map<String, Result> results = new LinkedHashMap<>();
      List<Entry> entries = new ArrayList<>();
      try {
        for (SynthOutput output : outputs) {
          Path target = dist.resolve(output.environment());
          if (isUnchanged(target, output)) {
            results.put(output.environment(), Result.UNCHANGED);
          } else {
            writeScratch(output);
            entries.add(new Entry(output.environment(), Files.exists(target), false));
            results.put(output.environment(), Result.WRITTEN);
          }
        }
        for (String stale :
            staleFolders(outputs.stream().map(SynthOutput::environment).toList(), isStale)) {
          entries.add(new Entry(stale, true, true));
          results.put(stale, Result.REMOVED);
        }
        for (Map.Entry<String, byte[]> file : new TreeMap<>(rootFiles).entrySet()) {
          Path target = dist.resolve(file.getKey());
          if (Files.isRegularFile(target)
              && Arrays.equals(Files.readAllBytes(target), file.getValue())
              && modesAreRight(target)) {
            results.put(file.getKey(), Result.UNCHANGED);
          } else {
            Path scratch = dist.resolve("." + file.getKey() + SCRATCH);
            writeDurably(scratch, file.getValue());
            setMode(scratch, FILE_MODE);
            entries.add(new Entry(file.getKey(), Files.exists(target), false));
            results.put(file.getKey(), Result.WRITTEN);
          }
        }
        if (entries.isEmpty()) {
          return results;
        }
        writeJournal(entries);
        for (Entry entry : entries) {
          swap(entry);
        }
        move(dist.resolve(JOURNAL), dist.resolve(COMMITTED));
      } catch (IOException | RuntimeException e) {
        try {
          recoverLocked();
        } catch (IOException | RuntimeException undo) {
          e.addSuppressed(undo);
        }
        throw e;
      }
      try {
        recoverLocked();
      } catch (IOException | RuntimeException e) {
        // Committed: the new folders are in place. What is left is clean-up, which the next run
        // finishes from the committed journal.
      }
      return results;
    }
  }

  private void swap(Entry entry) throws IOException {
    Path target = dist.resolve(entry.environment());
    if (entry.hadOld()) {
      move(target, dist.resolve("." + entry.environment() + OLD));
    }
    if (!entry.remove()) {
      move(dist.resolve("." + entry.environment() + SCRATCH), target);
    }
  }

  private void recoverLocked() throws IOException {
    Path committed = dist.resolve(COMMITTED);
    Path journal = dist.resolve(JOURNAL);
    if (Files.exists(committed)) {
      for (Entry entry : readJournal(committed)) {
        deleteTree(dist.resolve("." + entry.environment() + OLD));
      }
      Files.delete(committed);
    } else if (Files.exists(journal)) {
      List<Entry> entries = readJournal(journal);
      for (int i = entries.size() - 1; i >= 0; i--) {
        undo(entries.get(i));
      }
      Files.delete(journal);
    }
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(dist, ".*")) {
      for (Path path : hidden) {
        String name = path.getFileName().toString();
        if (name.endsWith(SCRATCH) || name.equals(JOURNAL + SCRATCH)) {
          deleteTree(path);
        } else if (name.endsWith(OLD) && Files.isDirectory(path)) {
          // Only a run from before journals existed leaves one without a journal.
          Path target = dist.resolve(name.substring(1, name.length() - OLD.length()));
          if (Files.exists(target)) {
            deleteTree(path);
          } else {
            move(path, target);
          }
        }
      }
    }
  }

  /** Puts one environment back as it was before the transaction; safe to repeat after a kill. */
  private void undo(Entry entry) throws IOException {
    Path target = dist.resolve(entry.environment());
    Path old = dist.resolve("." + entry.environment() + OLD);
    if (entry.hadOld()) {
      if (Files.exists(old)) {
        deleteTree(target);
        move(old, target);
      }
    } else {
      // Nothing was there before, so whatever is there now is this transaction's.
      deleteTree(target);
    }
  }

  private void writeJournal(List<Entry> entries) throws IOException {
    Path temp = dist.resolve(JOURNAL + SCRATCH);
    StringBuilder text = new StringBuilder();
    entries.forEach(e -> text.append(e.line()).append('\n'));
    writeDurably(temp, text.toString().getBytes(StandardCharsets.UTF_8));
    move(temp, dist.resolve(JOURNAL));
  }

  private static List<Entry> readJournal(Path journal) throws IOException {
    return Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .map(Entry::parse)
        .toList();
  }

  private boolean isUnchanged(Path target, SynthOutput output) throws IOException {
    return Files.isDirectory(target)
        && read(target).equals(asComparable(output.files()))
        && modesAreRight(target);
  }

  private static boolean modesAreRight(Path folder) throws IOException {
    return wrongModes(folder).isEmpty();
  }

  /**
   * The files and folders under {@code path} (and {@code path} itself) whose mode is not the one a
   * synth gives them, so that a synth would rewrite them: by {@code /}-separated path relative to
   * {@code path} ({@code ""} for {@code path} itself), each with its mode ({@code rw-------}).
   * Empty on a file system without POSIX modes or when {@code path} does not exist.
   *
   * @param path a folder of {@code dist/}, or a file at its top
   * @return the paths whose mode is wrong, sorted
   * @throws IOException when the folder cannot be read
   */
  public static SortedMap<String, String> wrongModes(Path path) throws IOException {
    SortedMap<String, String> wrong = new TreeMap<>();
    if (!Files.exists(path) || !Files.getFileStore(path).supportsFileAttributeView("posix")) {
      return wrong;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      for (Path each : (Iterable<Path>) paths::iterator) {
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(each);
        if (!mode.equals(Files.isDirectory(each) ? FOLDER_MODE : FILE_MODE)) {
          wrong.put(
              path.relativize(each).toString().replace('\\', '/'),
              PosixFilePermissions.toString(mode));
        }
      }
    }
    return wrong;
  }

  /** The mode a synth gives a file ({@code rw-r--r--}) or a folder ({@code rwxr-xr-x}). */
  public static String modeOf(boolean folder) {
    return PosixFilePermissions.toString(folder ? FOLDER_MODE : FILE_MODE);
  }

  /**
   * Whether a synth interrupted before it finished left work for {@link #recover()}: a journal,
   * committed or not, or a folder set aside. Reads only; a command that must not write refuses to
   * run on such a {@code dist/}, since what it reads may be half old, half new.
   *
   * @return {@code true} when {@link #recover()} would change {@code dist/}
   * @throws IOException when {@code dist/} cannot be read
   */
  public boolean needsRecovery() throws IOException {
    if (!Files.isDirectory(dist)) {
      return false;
    }
    if (Files.exists(dist.resolve(JOURNAL)) || Files.exists(dist.resolve(COMMITTED))) {
      return true;
    }
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(dist, ".*" + OLD)) {
      return hidden.iterator().hasNext();
    }
  }

  /**
   * The folders of {@code dist/} a {@link #write(List, Map, Predicate)} of these environments
   * removes: those not written that {@code isStale} accepts. Reads only, so that a command that
   * shows what a synth would do finds the same folders.
   *
   * @param written the environments written
   * @param isStale which other folders to remove
   * @return the folder names, sorted
   * @throws IOException when {@code dist/} cannot be read
   */
  public List<String> staleFolders(List<String> written, Predicate<String> isStale)
      throws IOException {
    List<String> stale = new ArrayList<>();
    if (!Files.isDirectory(dist)) {
      return stale;
    }
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

  private FileChannel openLock() throws IOException {
    return FileChannel.open(
        dist.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private FileLock lock(FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new LockedException(
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

  private void writeScratch(SynthOutput output) throws IOException {
    Path scratch = dist.resolve("." + output.environment() + SCRATCH);
    deleteTree(scratch);
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
            StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(content));
      channel.force(true);
    }
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, mode);
    }
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
