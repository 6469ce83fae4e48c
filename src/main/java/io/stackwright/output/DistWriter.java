package io.stackwright.output;

import io.stackwright.files.FileTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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
import java.util.regex.Pattern;

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
 *
 * <p>Everything it reads back from {@code dist/} is input (see {@link DistInput}): the journal is
 * acted on only if every line is one a writer produces, naming a direct child of {@code dist/} by a
 * name a synth writes (see {@link #isFolderName} and {@link #isFileName}), and no path it deletes,
 * renames or reads is ever followed through a symbolic link. Anything else stops it with a {@link
 * DistInput.UntrustedException} before it touches anything.
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

  /**
   * What a {@link #write} did.
   *
   * @param results the result per environment (the outputs in the order given, then the removed
   *     folders), then per root file
   * @param leftover {@code null} when the transaction finished cleanly; else what its clean-up
   *     could not delete, and why: the new output is in place, and the next synth finishes the
   *     clean-up
   */
  public record Written(Map<String, Result> results, String leftover) {}

  private static final String OLD = ".old";
  private static final String SCRATCH = ".tmp";
  private static final String LOCK = ".lock";
  private static final Pattern FOLDER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Z][A-Z0-9_-]{0,60}\\.md");
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

  private final Path dist;
  private final Rename rename;

  /**
   * A writer for the {@code dist} folder {@code dist}.
   *
   * @param dist the {@code dist/} folder
   */
  public DistWriter(Path dist) {
    this(dist, DistWriter::atomicMove);
  }

  DistWriter(Path dist, Rename rename) {
    this.dist = dist;
    this.rename = rename;
  }

  /**
   * Whether a synth writes a folder of that name in {@code dist/}: an environment's name, a DNS
   * label.
   *
   * @param name a name found in {@code dist/}
   * @return whether a synth writes such a folder
   */
  public static boolean isFolderName(String name) {
    return FOLDER_NAME.matcher(name).matches();
  }

  /**
   * Whether a synth may write a file of that name at the top of {@code dist/}, such as {@code
   * ENVIRONMENTS.md}: capitals, digits, {@code _} and {@code -}, then {@code .md}.
   *
   * @param name a name found in {@code dist/}
   * @return whether a synth may write such a file
   */
  public static boolean isFileName(String name) {
    return FILE_NAME.matcher(name).matches();
  }

  /**
   * Finishes or undoes a transaction a killed run left behind, and deletes scratch folders.
   *
   * @return what was repaired, one line for each name of {@code dist/} put back, removed or cleaned
   *     up (scratch folders are not named); empty when there was nothing to repair
   * @throws DistInput.UntrustedException when {@code dist/} holds what no synth writes there;
   *     nothing was touched
   * @throws IOException when {@code dist/} cannot be repaired
   * @throws LockedException when another synth holds the lock
   */
  public List<String> recover() throws IOException {
    if (!checkedFolder()) {
      return List.of();
    }
    try (FileChannel channel = openLock();
        FileLock lock = lock(channel)) {
      assert lock.isValid();
      return recoverLocked();
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
  public Written write(List<SynthOutput> outputs, Predicate<String> isStale) throws IOException {
    return write(outputs, Map.of(), isStale);
  }

  /**
   * Writes every output, and files at the top of {@code dist/} that span environments (such as the
   * environment comparison), as one transaction: a file is swapped in like a folder, so that it is
   * never new while the folders are old, or the other way round.
   *
   * @param outputs the environments to write
   * @param rootFiles files to write at the top of {@code dist/}, by a name {@link #isFileName}
   *     accepts; a file not given is left as it is
   * @param isStale which other folders of {@code dist/} to remove in the same transaction; {@code
   *     name -> false} to keep them all
   * @return what was written
   * @throws DistInput.UntrustedException when {@code dist/} holds what no synth writes there;
   *     nothing was touched
   * @throws IOException when anything cannot be written; {@code dist/} is then as it was
   * @throws LockedException when another synth holds the lock; nothing was done
   */
  public Written write(
      List<SynthOutput> outputs, Map<String, byte[]> rootFiles, Predicate<String> isStale)
      throws IOException {
    for (SynthOutput output : outputs) {
      if (!isFolderName(output.environment())) {
        throw new IllegalArgumentException("not a folder name of dist/: " + output.environment());
      }
    }
    for (String name : rootFiles.keySet()) {
      if (!isFileName(name)) {
        throw new IllegalArgumentException("not a file name at the top of dist/: " + name);
      }
    }
    if (!checkedFolder()) {
      Files.createDirectories(dist);
    }
    try (FileChannel channel = openLock();
        FileLock lock = lock(channel)) {
      assert lock.isValid();
      // A synth repairs (and says so) before it writes; a repair here is of a run since then.
      recoverLocked();
      Map<String, Result> results = new LinkedHashMap<>();
      List<Journal.Entry> entries = new ArrayList<>();
      try {
        for (SynthOutput output : outputs) {
          Path target = dist.resolve(output.environment());
          checkOwn(target, true);
          boolean existed = existing(target) != null;
          if (isUnchanged(target, output)) {
            results.put(output.environment(), Result.UNCHANGED);
          } else {
            writeScratch(output);
            entries.add(new Journal.Entry(output.environment(), existed, false));
            results.put(output.environment(), Result.WRITTEN);
          }
        }
        for (String stale :
            staleFolders(outputs.stream().map(SynthOutput::environment).toList(), isStale)) {
          entries.add(new Journal.Entry(stale, true, true));
          results.put(stale, Result.REMOVED);
        }
        for (Map.Entry<String, byte[]> file : new TreeMap<>(rootFiles).entrySet()) {
          Path target = dist.resolve(file.getKey());
          byte[] before = DistInput.readFile(target);
          if (before != null && Arrays.equals(before, file.getValue()) && modesAreRight(target)) {
            results.put(file.getKey(), Result.UNCHANGED);
          } else {
            Path scratch = dist.resolve("." + file.getKey() + SCRATCH);
            writeDurably(scratch, file.getValue());
            setMode(scratch, FILE_MODE);
            entries.add(new Journal.Entry(file.getKey(), before != null, false));
            results.put(file.getKey(), Result.WRITTEN);
          }
        }
        if (entries.isEmpty()) {
          return new Written(results, null);
        }
        writeJournal(entries);
        for (Journal.Entry entry : entries) {
          swap(entry);
        }
        move(dist.resolve(Journal.FILE), dist.resolve(Journal.COMMITTED));
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
        return new Written(results, null);
      } catch (IOException | RuntimeException e) {
        // Committed: the new folders are in place. What is left is clean-up, which the next run
        // finishes from the committed journal.
        return new Written(results, String.valueOf(e.getMessage()));
      }
    }
  }

  private void swap(Journal.Entry entry) throws IOException {
    Path target = dist.resolve(entry.name());
    if (entry.hadOld()) {
      move(target, dist.resolve("." + entry.name() + OLD));
    }
    if (!entry.remove()) {
      move(dist.resolve("." + entry.name() + SCRATCH), target);
    }
  }

  /**
   * What a repair does, every path checked before any is touched: the journal's entries to finish
   * ({@code committed}) or undo; folders set aside without a journal ({@code orphans}), which only
   * a run from before journals existed leaves, to put back or delete; scratch to delete.
   */
  private record Repair(
      Path journal,
      boolean committed,
      List<Journal.Entry> entries,
      List<String> orphans,
      List<Path> scratch) {
    boolean isEmpty() {
      return journal == null && orphans.isEmpty() && scratch.isEmpty();
    }
  }

  private Repair planRepair() throws IOException {
    Path committed = dist.resolve(Journal.COMMITTED);
    Path journal = dist.resolve(Journal.FILE);
    boolean isCommitted = existing(committed) != null;
    boolean isOpen = existing(journal) != null;
    if (isCommitted && isOpen) {
      throw new DistInput.UntrustedException(
          journal,
          "and "
              + committed
              + " both exist, which no synth leaves (it renames the one to the"
              + " other); neither is acted on, and nothing was touched",
          "compare dist/ with version control (git status dist), delete both, and run again");
    }
    Path found = isCommitted ? committed : isOpen ? journal : null;
    List<Journal.Entry> entries = found == null ? List.of() : Journal.read(found);
    List<String> orphans = new ArrayList<>();
    List<Path> scratch = new ArrayList<>();
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(dist, ".*")) {
      for (Path path : hidden) {
        String name = path.getFileName().toString();
        String base = name.length() > 5 ? name.substring(1, name.length() - 4) : "";
        boolean ours = isFolderName(base) || isFileName(base);
        if (name.equals(Journal.FILE + SCRATCH) || (ours && name.endsWith(SCRATCH))) {
          scratch.add(path);
        } else if (found == null && ours && name.endsWith(OLD)) {
          // Only a run from before journals existed leaves one without a journal: a folder.
          if (!isFolderName(base) || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new DistInput.UntrustedException(
                path,
                "is set aside as no synth sets anything aside (without a journal, only an"
                    + " environment's folder); a synth would move it into place, so nothing was"
                    + " touched",
                "compare dist/ with version control (git status dist), delete it, and run again");
          }
          orphans.add(base);
        }
      }
    }
    for (Journal.Entry entry : entries) {
      checkSetAside(entry.name());
      if (!isCommitted && entry.hadOld()) {
        // Moved into place by the undo: everything in it must be what a synth writes.
        DistInput.wrongModes(dist.resolve("." + entry.name() + OLD));
      }
    }
    for (String orphan : orphans) {
      checkSetAside(orphan);
      DistInput.wrongModes(dist.resolve("." + orphan + OLD));
    }
    orphans.sort(null);
    scratch.sort(null);
    return new Repair(found, found == committed, entries, orphans, scratch);
  }

  /** Refuses a name whose folder or file, or what was set aside of it, no synth leaves there. */
  private void checkSetAside(String name) throws IOException {
    boolean folder = isFolderName(name);
    checkOwn(dist.resolve(name), folder);
    checkOwn(dist.resolve("." + name + OLD), folder);
  }

  private List<String> recoverLocked() throws IOException {
    Repair repair = planRepair();
    try {
      return repair(repair);
    } catch (IOException e) {
      throw new IOException("cannot repair dist/ after an interrupted synth: " + e.getMessage(), e);
    }
  }

  private List<String> repair(Repair repair) throws IOException {
    List<String> done = new ArrayList<>();
    if (repair.committed()) {
      for (Journal.Entry entry : repair.entries()) {
        deleteTree(dist.resolve("." + entry.name() + OLD));
        done.add("finished the clean-up of a synth that had written dist/" + entry.name());
      }
    } else {
      for (int i = repair.entries().size() - 1; i >= 0; i--) {
        Journal.Entry entry = repair.entries().get(i);
        undo(entry);
        done.add(
            entry.hadOld()
                ? "put dist/" + entry.name() + " back as it was before an interrupted synth"
                : "removed dist/" + entry.name() + ", which an interrupted synth had created");
      }
    }
    if (repair.journal() != null) {
      Files.delete(repair.journal());
    }
    for (Path path : repair.scratch()) {
      deleteTree(path);
    }
    for (String orphan : repair.orphans()) {
      Path old = dist.resolve("." + orphan + OLD);
      Path target = dist.resolve(orphan);
      if (existing(target) != null) {
        deleteTree(old);
      } else {
        move(old, target);
        done.add("put dist/" + orphan + " back from dist/." + orphan + OLD);
      }
    }
    return done;
  }

  /** Puts one name back as it was before the transaction; safe to repeat after a kill. */
  private void undo(Journal.Entry entry) throws IOException {
    Path target = dist.resolve(entry.name());
    Path old = dist.resolve("." + entry.name() + OLD);
    if (entry.hadOld()) {
      if (existing(old) != null) {
        deleteTree(target);
        move(old, target);
      }
    } else {
      // Nothing was there before, so whatever is there now is this transaction's.
      deleteTree(target);
    }
  }

  /**
   * Refuses a path a repair would delete or rename unless it is what a synth puts there: a folder
   * for an environment, a file for a root file; never a symbolic link.
   */
  private static void checkOwn(Path path, boolean folder) throws IOException {
    BasicFileAttributes attributes = existing(path);
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

  private void writeJournal(List<Journal.Entry> entries) throws IOException {
    Path temp = dist.resolve(Journal.FILE + SCRATCH);
    writeDurably(temp, Journal.text(entries));
    move(temp, dist.resolve(Journal.FILE));
  }

  private boolean isUnchanged(Path target, SynthOutput output) throws IOException {
    return Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)
        && DistInput.read(target).equals(asComparable(output.files()))
        && modesAreRight(target);
  }

  private static boolean modesAreRight(Path path) throws IOException {
    return DistInput.wrongModes(path).isEmpty();
  }

  /**
   * The mode a synth gives a file ({@code rw-r--r--}) or a folder ({@code rwxr-xr-x}).
   *
   * @param folder whether the mode is a folder's
   * @return the mode, as {@code PosixFilePermissions} writes it
   */
  public static String modeOf(boolean folder) {
    return PosixFilePermissions.toString(folder ? FOLDER_MODE : FILE_MODE);
  }

  /**
   * Whether a synth interrupted before it finished left work for {@link #recover()}: a journal,
   * committed or not, or a folder set aside. Reads only; a command that must not write refuses to
   * run on such a {@code dist/}, since what it reads may be half old, half new.
   *
   * @return {@code true} when {@link #recover()} would change {@code dist/}
   * @throws DistInput.UntrustedException when {@code dist/} holds what no synth writes there
   * @throws IOException when {@code dist/} cannot be read
   */
  public boolean needsRecovery() throws IOException {
    return checkedFolder() && !planRepair().isEmpty();
  }

  /**
   * The folders of {@code dist/} a {@link #write(List, Map, Predicate)} of these environments
   * removes: those not written that {@code isStale} accepts; never a symbolic link. Reads only, so
   * that a command that shows what a synth would do finds the same folders.
   *
   * @param written the environments written
   * @param isStale which other folders to remove
   * @return the folder names, sorted
   * @throws IOException when {@code dist/} cannot be read
   */
  public List<String> staleFolders(List<String> written, Predicate<String> isStale)
      throws IOException {
    List<String> stale = new ArrayList<>();
    if (!checkedFolder()) {
      return stale;
    }
    try (DirectoryStream<Path> folders =
        Files.newDirectoryStream(dist, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
      for (Path folder : folders) {
        String name = folder.getFileName().toString();
        if (isFolderName(name) && !written.contains(name) && isStale.test(name)) {
          stale.add(name);
        }
      }
    }
    stale.sort(null);
    return stale;
  }

  /**
   * Whether {@code dist/} exists: a folder, not a symbolic link (through which a synth would write,
   * and delete, elsewhere).
   */
  private boolean checkedFolder() throws IOException {
    BasicFileAttributes attributes = existing(dist);
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

  private FileChannel openLock() throws IOException {
    Path lock = dist.resolve(LOCK);
    checkOwn(lock, false);
    try {
      return FileChannel.open(
          lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new IOException("cannot open the lock " + lock + ": " + e.getMessage(), e);
    }
  }

  private FileLock lock(FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw new LockedException(
            "another synth is writing "
                + dist
                + " (it holds "
                + dist.resolve(LOCK)
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
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS)) {
      channel.write(ByteBuffer.wrap(content));
      channel.force(true);
    }
  }

  private static void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, mode);
    }
  }

  /**
   * {@code files} with contents that compare by value.
   *
   * @param files contents by path
   * @return the same, sorted by path
   */
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

  /** The attributes of {@code path} itself, or {@code null} when nothing is there. */
  private static BasicFileAttributes existing(Path path) throws IOException {
    return DistInput.attributes(path);
  }

  /** Deletes {@code root} and everything under it; a link is deleted, never followed. */
  private static void deleteTree(Path root) throws IOException {
    FileTrees.delete(root);
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
