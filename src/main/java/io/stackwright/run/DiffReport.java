package io.stackwright.run;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.ObjectDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a diff found: every changed file, as unified diffs by object, and a summary line for each
 * environment, each folder a synth removes and each file at the top of {@code dist/}.
 */
final class DiffReport {
  private final List<ObjectDiff.FileChange> files = new ArrayList<>();
  private final List<String> summaries = new ArrayList<>();

  /** Whether a synth would change nothing. */
  boolean isEmpty() {
    return files.isEmpty();
  }

  void addEnvironment(String name, List<ObjectDiff.FileChange> changes) {
    files.addAll(changes);
    summaries.add(name + ": " + counts(changes));
  }

  void addRemoved(String name, List<ObjectDiff.FileChange> changes) {
    files.addAll(changes);
    summaries.add(
        name
            + ": "
            + counts(changes)
            + "; a synth removes dist/"
            + name
            + " (no environments/"
            + name
            + ".yaml)");
  }

  void addRootFile(List<ObjectDiff.FileChange> changes) {
    files.addAll(changes);
    changes.forEach(c -> summaries.add(c.path() + ": " + word(c.change())));
  }

  /**
   * Says it all: the diffs, the summaries and what a synth would do.
   *
   * @param rendered whether any environment was rendered, whose objects the summaries count
   * @param env the environments selected, for the command that writes them
   */
  void print(Report report, boolean rendered, String env) {
    for (ObjectDiff.FileChange file : files) {
      report.line("=== " + file.path() + " (" + word(file.change()) + ")");
      for (ObjectDiff.ObjectChange object : file.objects()) {
        if (!object.object().isEmpty()) {
          report.line("--- " + object.object() + " (" + word(object.change()) + ")");
        }
        report.text(object.diff());
      }
      report.line("");
    }
    summaries.forEach(report::line);
    if (rendered) {
      report.line(
          "diff: an object is a Kubernetes object, or a Compose service, network, volume,"
              + " config or secret; other changes count only as files");
    }
    report.line(
        files.isEmpty()
            ? "diff: dist/ is up to date; a synth would change nothing"
            : "diff: a synth would change "
                + files.size()
                + " file(s); run mvn -q compile exec:java -Denv="
                + env
                + " to write them");
  }

  /**
   * {@code changes} with every file or folder under {@code path} whose mode alone is wrong: a synth
   * rewrites it, so a diff that left it out would say nothing changes where a synth writes.
   *
   * @param shown how {@code path} is shown: {@code dist/prod/} for a folder, {@code
   *     dist/ENVIRONMENTS.md} for a file
   */
  static List<ObjectDiff.FileChange> withModes(
      String shown, Path path, List<ObjectDiff.FileChange> changes) throws IOException {
    List<ObjectDiff.FileChange> result = new ArrayList<>(changes);
    Set<String> listed = new TreeSet<>();
    changes.forEach(c -> listed.add(c.path()));
    for (Map.Entry<String, String> wrong : DistInput.wrongModes(path).entrySet()) {
      String file = wrong.getKey().isEmpty() ? shown : shown + wrong.getKey();
      if (listed.contains(file)) {
        continue;
      }
      String diff =
          "(only the mode differs: "
              + wrong.getValue()
              + "; a synth sets "
              + DistWriter.modeOf(
                  Files.isDirectory(path.resolve(wrong.getKey()), LinkOption.NOFOLLOW_LINKS))
              + ")\n";
      result.add(
          new ObjectDiff.FileChange(
              file,
              ObjectDiff.Change.CHANGED,
              List.of(new ObjectDiff.ObjectChange("", ObjectDiff.Change.CHANGED, diff))));
    }
    result.sort(Comparator.comparing(ObjectDiff.FileChange::path));
    return result;
  }

  private static String counts(List<ObjectDiff.FileChange> changes) {
    int added = 0;
    int removed = 0;
    int changed = 0;
    for (ObjectDiff.FileChange file : changes) {
      for (ObjectDiff.ObjectChange object : file.objects()) {
        // A section of a Compose file (its name, its list of services) is not an object.
        if (object.object().isEmpty() || object.object().startsWith("compose/")) {
          continue;
        }
        switch (object.change()) {
          case ADDED -> added++;
          case REMOVED -> removed++;
          case CHANGED -> changed++;
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "%d objects added, %d removed, %d changed, in %d file(s)",
        added,
        removed,
        changed,
        changes.size());
  }

  private static String word(ObjectDiff.Change change) {
    return change.name().toLowerCase(Locale.ROOT);
  }
}
