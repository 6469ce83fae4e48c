package io.stackwright.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes or undoes the transaction a killed {@link DistWriter} left behind: with a committed
 * journal it completes the clean-up; with an uncommitted one it undoes every swap the journal
 * lists; without a journal it only deletes scratch folders. Every path is checked before any is
 * touched, so that a {@code dist/} holding what no synth writes is refused whole.
 */
final class DistRepair {
  private static final String REFUSED_FIX =
      "compare dist/ with version control (git status dist), delete it, and run again";

  private final DistFolder folder;

  DistRepair(DistFolder folder) {
    this.folder = folder;
  }

  /**
   * What a repair does: the journal's entries to finish ({@code committed}) or undo; folders set
   * aside without a journal ({@code orphans}), which only a run from before journals existed
   * leaves, to put back or delete; scratch to delete.
   */
  private record Plan(
      Path journal,
      boolean committed,
      List<Journal.Entry> entries,
      List<String> orphans,
      List<Path> scratch) {
    boolean isEmpty() {
      return journal == null && orphans.isEmpty() && scratch.isEmpty();
    }
  }

  /** The hidden names of {@code dist/} a repair acts on without a journal. */
  private record Leftovers(List<String> orphans, List<Path> scratch) {}

  /**
   * Whether there is anything to repair. Reads only.
   *
   * @throws DistInput.UntrustedException when {@code dist/} holds what no synth writes there
   */
  boolean isNeeded() throws IOException {
    return !plan().isEmpty();
  }

  /**
   * Repairs {@code dist/}; the caller holds the lock.
   *
   * @return one line for each name of {@code dist/} put back, removed or cleaned up
   * @throws DistInput.UntrustedException when {@code dist/} holds what no synth writes there;
   *     nothing was touched
   * @throws IOException when it cannot be repaired
   */
  List<String> run() throws IOException {
    Plan plan = plan();
    try {
      return carryOut(plan);
    } catch (IOException e) {
      throw new IOException("cannot repair dist/ after an interrupted synth: " + e.getMessage(), e);
    }
  }

  private Plan plan() throws IOException {
    Path found = journal();
    List<Journal.Entry> entries = found == null ? List.of() : Journal.read(found);
    Leftovers leftovers = leftovers(found != null);
    boolean committed = found != null && found.equals(folder.committed());
    for (Journal.Entry entry : entries) {
      checkSetAside(entry.name());
      if (!committed && entry.hadOld()) {
        // Moved into place by the undo: everything in it must be what a synth writes.
        DistInput.wrongModes(folder.setAside(entry.name()));
      }
    }
    for (String orphan : leftovers.orphans()) {
      checkSetAside(orphan);
      DistInput.wrongModes(folder.setAside(orphan));
    }
    leftovers.orphans().sort(null);
    leftovers.scratch().sort(null);
    return new Plan(found, committed, entries, leftovers.orphans(), leftovers.scratch());
  }

  /** The journal, committed or open; {@code null} when there is none. */
  private Path journal() throws IOException {
    Path committed = folder.committed();
    Path journal = folder.journal();
    boolean isCommitted = DistFolder.exists(committed);
    boolean isOpen = DistFolder.exists(journal);
    if (isCommitted && isOpen) {
      throw new DistInput.UntrustedException(
          journal,
          "and "
              + committed
              + " both exist, which no synth leaves (it renames the one to the"
              + " other); neither is acted on, and nothing was touched",
          "compare dist/ with version control (git status dist), delete both, and run again");
    }
    return isCommitted ? committed : isOpen ? journal : null;
  }

  /** Scratch copies, and (when there is no journal) folders set aside, in directory order. */
  private Leftovers leftovers(boolean journaled) throws IOException {
    List<String> orphans = new ArrayList<>();
    List<Path> scratch = new ArrayList<>();
    try (DirectoryStream<Path> hidden = Files.newDirectoryStream(folder.dist(), ".*")) {
      for (Path path : hidden) {
        String name = path.getFileName().toString();
        // Both suffixes are four characters long.
        String base = name.length() > 5 ? name.substring(1, name.length() - 4) : "";
        boolean ours = DistWriter.isFolderName(base) || DistWriter.isFileName(base);
        if (name.equals(Journal.FILE + DistFolder.SCRATCH)
            || (ours && name.endsWith(DistFolder.SCRATCH))) {
          scratch.add(path);
        } else if (!journaled && ours && name.endsWith(DistFolder.OLD)) {
          checkOrphan(path, base);
          orphans.add(base);
        }
      }
    }
    return new Leftovers(orphans, scratch);
  }

  /** Only a run from before journals existed sets something aside without a journal: a folder. */
  private static void checkOrphan(Path path, String base) throws IOException {
    if (!DistWriter.isFolderName(base) || !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new DistInput.UntrustedException(
          path,
          "is set aside as no synth sets anything aside (without a journal, only an"
              + " environment's folder); a synth would move it into place, so nothing was"
              + " touched",
          REFUSED_FIX);
    }
  }

  /** Refuses a name whose folder or file, or what was set aside of it, no synth leaves there. */
  private void checkSetAside(String name) throws IOException {
    boolean isFolder = DistWriter.isFolderName(name);
    DistFolder.checkOwn(folder.target(name), isFolder);
    DistFolder.checkOwn(folder.setAside(name), isFolder);
  }

  private List<String> carryOut(Plan plan) throws IOException {
    List<String> done = plan.committed() ? finish(plan.entries()) : undo(plan.entries());
    if (plan.journal() != null) {
      Files.delete(plan.journal());
    }
    for (Path path : plan.scratch()) {
      DistWriter.deleteTree(path);
    }
    done.addAll(restore(plan.orphans()));
    return done;
  }

  /** Deletes what a committed transaction set aside. */
  private List<String> finish(List<Journal.Entry> entries) throws IOException {
    List<String> done = new ArrayList<>();
    for (Journal.Entry entry : entries) {
      DistWriter.deleteTree(folder.setAside(entry.name()));
      done.add("finished the clean-up of a synth that had written dist/" + entry.name());
    }
    return done;
  }

  /** Undoes an uncommitted transaction, last swap first. */
  private List<String> undo(List<Journal.Entry> entries) throws IOException {
    List<String> done = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Journal.Entry entry = entries.get(i);
      undo(entry);
      done.add(
          entry.hadOld()
              ? "put dist/" + entry.name() + " back as it was before an interrupted synth"
              : "removed dist/" + entry.name() + ", which an interrupted synth had created");
    }
    return done;
  }

  /** Puts one name back as it was before the transaction; safe to repeat after a kill. */
  private void undo(Journal.Entry entry) throws IOException {
    Path target = folder.target(entry.name());
    Path old = folder.setAside(entry.name());
    if (entry.hadOld()) {
      if (DistFolder.exists(old)) {
        DistWriter.deleteTree(target);
        folder.move(old, target);
      }
    } else {
      // Nothing was there before, so whatever is there now is this transaction's.
      DistWriter.deleteTree(target);
    }
  }

  /** Puts back each folder set aside without a journal, unless its place is taken. */
  private List<String> restore(List<String> orphans) throws IOException {
    List<String> done = new ArrayList<>();
    for (String orphan : orphans) {
      Path old = folder.setAside(orphan);
      Path target = folder.target(orphan);
      if (DistFolder.exists(target)) {
        DistWriter.deleteTree(old);
      } else {
        folder.move(old, target);
        done.add("put dist/" + orphan + " back from dist/." + orphan + DistFolder.OLD);
      }
    }
    return done;
  }
}
