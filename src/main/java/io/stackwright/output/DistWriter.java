package io.stackwright.output;

import io.stackwright.files.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
 * <p>The lock is {@code DistLock}, the write-and-swap {@code DistSwap}, the repair {@code
 * DistRepair}, and where each name goes meanwhile {@code DistFolder}.
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

  private static final Pattern FOLDER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern FILE_NAME = Pattern.compile("[A-Z][A-Z0-9_-]{0,60}\\.md");

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
  private final DistFolder folder;
  private final DistRepair repair;

  /**
   * A writer for the {@code dist} folder {@code dist}.
   *
   * @param dist the {@code dist/} folder
   */
  public DistWriter(Path dist) {
    this(dist, DistFolder::atomicMove);
  }

  DistWriter(Path dist, Rename rename) {
    this.dist = dist;
    this.folder = new DistFolder(dist, rename);
    this.repair = new DistRepair(folder);
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
    if (!folder.isThere()) {
      return List.of();
    }
    try (DistLock lock = DistLock.take(dist)) {
      assert lock.isHeld();
      return repair.run();
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
    checkNames(outputs, rootFiles);
    if (!folder.isThere()) {
      Files.createDirectories(dist);
    }
    try (DistLock lock = DistLock.take(dist)) {
      assert lock.isHeld();
      // A synth repairs (and says so) before it writes; a repair here is of a run since then.
      repair.run();
      DistSwap swap = new DistSwap(folder);
      try {
        swap.stageOutputs(outputs);
        swap.remove(staleFolders(outputs.stream().map(SynthOutput::environment).toList(), isStale));
        swap.stageFiles(rootFiles);
        if (!swap.changes()) {
          return new Written(swap.results(), null);
        }
        swap.commit();
      } catch (IOException | RuntimeException e) {
        undo(e);
        throw e;
      }
      return cleanUp(swap.results());
    }
  }

  private static void checkNames(List<SynthOutput> outputs, Map<String, byte[]> rootFiles) {
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
  }

  /** Undoes a transaction that failed before it committed; what fails in the undo is added. */
  private void undo(Exception failure) {
    try {
      repair.run();
    } catch (IOException | RuntimeException undo) {
      failure.addSuppressed(undo);
    }
  }

  /**
   * Deletes what a committed transaction set aside. The new folders are in place: what this cannot
   * delete, the next run finishes from the committed journal.
   */
  private Written cleanUp(Map<String, Result> results) {
    try {
      repair.run();
      return new Written(results, null);
    } catch (IOException | RuntimeException e) {
      return new Written(results, String.valueOf(e.getMessage()));
    }
  }

  /**
   * The mode a synth gives a file ({@code rw-r--r--}) or a folder ({@code rwxr-xr-x}).
   *
   * @param folder whether the mode is a folder's
   * @return the mode, as {@code PosixFilePermissions} writes it
   */
  public static String modeOf(boolean folder) {
    return PosixFilePermissions.toString(folder ? DistSwap.FOLDER_MODE : DistSwap.FILE_MODE);
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
    return folder.isThere() && repair.isNeeded();
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
    if (!folder.isThere()) {
      return new ArrayList<>();
    }
    return folder.folders(name -> !written.contains(name) && isStale.test(name));
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

  /** The attributes of {@code path} itself, or {@code null} when nothing is there. */
  private static BasicFileAttributes existing(Path path) throws IOException {
    return DistInput.attributes(path);
  }

  /** Deletes {@code root} and everything under it; a link is deleted, never followed. */
  static void deleteTree(Path root) throws IOException {
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
