package io.stackwright.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Compares a synthesized output with a folder on disk, file by file, as unified diffs: what a
 * reviewer would see in {@code git diff dist/}.
 */
public final class DistDiff {
  private static final int CONTEXT_LINES = 3;

  private DistDiff() {}

  /** How a file differs. */
  public enum Kind {
    /** Synthesized but not on disk. */
    MISSING,
    /** On disk but no longer synthesized. */
    EXTRA,
    /** On disk with other content. */
    CHANGED
  }

  /**
   * One differing file.
   *
   * @param path path inside the environment's folder
   * @param kind how it differs
   * @param diff unified diff from the file on disk to the synthesized one
   */
  public record FileChange(String path, Kind kind, String diff) {}

  /**
   * The paths of the files that differ between {@code folder} and {@code output} (changed, missing
   * or extra), compared byte by byte without a line diff: what a synth counts.
   *
   * @param output the fresh synth
   * @param folder the environment's folder in {@code dist/}
   * @return the paths, sorted; empty when the folder is up to date
   * @throws IOException when a file in the folder cannot be read
   */
  public static SortedSet<String> changedPaths(SynthOutput output, Path folder) throws IOException {
    SortedMap<String, DistWriter.Bytes> actual = DistInput.read(folder);
    SortedMap<String, DistWriter.Bytes> expected = DistWriter.asComparable(output.files());
    SortedSet<String> paths = new TreeSet<>(actual.keySet());
    paths.addAll(expected.keySet());
    paths.removeIf(path -> Objects.equals(actual.get(path), expected.get(path)));
    return paths;
  }

  /**
   * Every file that differs between {@code folder} and {@code output}, sorted by path.
   *
   * @param output the fresh synth
   * @param folder the environment's folder in {@code dist/}
   * @return the changes; empty when the folder is up to date
   * @throws IOException when a file in the folder cannot be read
   */
  public static List<FileChange> compare(SynthOutput output, Path folder) throws IOException {
    SortedMap<String, DistWriter.Bytes> actual = DistInput.read(folder);
    SortedMap<String, DistWriter.Bytes> expected = DistWriter.asComparable(output.files());
    TreeSet<String> paths = new TreeSet<>(actual.keySet());
    paths.addAll(expected.keySet());
    List<FileChange> changes = new ArrayList<>();
    String prefix = "dist/" + output.environment() + "/";
    for (String path : paths) {
      DistWriter.Bytes before = actual.get(path);
      DistWriter.Bytes after = expected.get(path);
      if (before != null && before.equals(after)) {
        continue;
      }
      Kind kind = before == null ? Kind.MISSING : after == null ? Kind.EXTRA : Kind.CHANGED;
      String diff =
          unified(
              before == null ? "/dev/null" : "a/" + prefix + path,
              after == null ? "/dev/null" : "b/" + prefix + path,
              before == null ? "" : before.toString(),
              after == null ? "" : after.toString());
      changes.add(new FileChange(path, kind, diff));
    }
    return changes;
  }

  /**
   * The work a line diff may take, in lines compared ({@code (N + M) × D}): a few seconds. A file
   * in {@code dist/} is input, and a line diff takes time quadratic in its differences, so a pull
   * request that puts hundreds of thousands of new lines in a file would hang a synth or a diff.
   */
  private static final long MAX_DIFF_WORK = 200_000_000L;

  /**
   * Whether a line diff of the two would take too long: its cost is about {@code (N + M) × D}, and
   * {@code D}, the lines added and removed, is at least what the two do not have in common.
   *
   * @param from the old lines
   * @param to the new lines
   * @return whether to show a note ({@link #tooCostlyNote}) instead of the lines
   */
  static boolean tooCostly(List<String> from, List<String> to) {
    Map<String, Integer> counts = new HashMap<>();
    from.forEach(line -> counts.merge(line, 1, Integer::sum));
    long common = 0;
    for (String line : to) {
      Integer left = counts.get(line);
      if (left != null && left > 0) {
        counts.put(line, left - 1);
        common++;
      }
    }
    long total = (long) from.size() + to.size();
    return total * (total - 2 * common) > MAX_DIFF_WORK;
  }

  /**
   * What a diff shows instead of lines when {@link #tooCostly} says so.
   *
   * @param from the old lines
   * @param to the new lines
   * @return the note, one line
   */
  static String tooCostlyNote(List<String> from, List<String> to) {
    return "(too different to show line by line: "
        + from.size()
        + " lines before, "
        + to.size()
        + " after; compare the files with git diff)\n";
  }

  /**
   * A unified diff of two texts, with the given file labels.
   *
   * @param fromLabel the old file's label, such as {@code a/dist/prod/compose.yaml}
   * @param toLabel the new file's label
   * @param from the old text
   * @param to the new text
   * @return the diff; empty when the texts are equal
   */
  public static String unified(String fromLabel, String toLabel, String from, String to) {
    List<String> fromLines = from.isEmpty() ? List.of() : from.lines().toList();
    List<String> toLines = to.isEmpty() ? List.of() : to.lines().toList();
    if (tooCostly(fromLines, toLines)) {
      return "--- " + fromLabel + "\n+++ " + toLabel + "\n" + tooCostlyNote(fromLines, toLines);
    }
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            fromLabel, toLabel, fromLines, DiffUtils.diff(fromLines, toLines), CONTEXT_LINES);
    if (diff.isEmpty()) {
      // Same lines, different bytes: line endings or a final newline.
      return "--- "
          + fromLabel
          + "\n+++ "
          + toLabel
          + "\n(differs only in line endings or the final"
          + " newline)\n";
    }
    return String.join("\n", diff) + "\n";
  }
}
