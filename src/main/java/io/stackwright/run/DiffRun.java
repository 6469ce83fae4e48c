package io.stackwright.run;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.ObjectDiff;
import io.stackwright.output.SynthOutput;
import io.stackwright.synth.Synthesis;
import io.stackwright.text.Printable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code diff}: what a synth would change in {@code dist/}, as unified diffs by file and object,
 * with secret-looking values masked, including the folders a synth of {@code all} removes and files
 * whose mode alone a synth corrects. Writes nothing, not even the repair of an interrupted synth:
 * it refuses such a {@code dist/} as bad input. {@link Status#OK} when nothing would change, {@link
 * Status#FAILED} when something would (or a check fails), like {@code git diff --exit-code}.
 */
public final class DiffRun {
  private final Options options;
  private final Path dist;
  private final DistWriter writer;

  /**
   * A diff.
   *
   * @param options what it is asked to do; it always renders every selected environment
   */
  public DiffRun(Options options) {
    this.options = options;
    this.dist = options.dist();
    this.writer = new DistWriter(dist);
  }

  /**
   * Runs the diff.
   *
   * @return how it ended, and what to print
   */
  public Outcome run() {
    Report report = new Report();
    try {
      refuseUnfinished(report);
      Synthesis synthesis = InMemory.synthesize(options, false, report).synthesis();
      synthesis.report().skipNotices().forEach(notice -> report.problem("stackwright: " + notice));
      synthesis.notices().forEach(notice -> report.problem("stackwright: " + notice));
      DiffReport diff = changes(synthesis, report);
      diff.print(report, !synthesis.outputs().isEmpty(), options.env());
      return report.end(diff.isEmpty() ? Status.OK : Status.FAILED);
    } catch (Stop stop) {
      return report.end(stop.status());
    }
  }

  /**
   * A diff writes nothing, so it cannot repair what an interrupted synth left; what it would read
   * may be half old, half new.
   */
  private void refuseUnfinished(Report report) throws Stop {
    boolean unfinished;
    try {
      unfinished = writer.needsRecovery();
    } catch (IOException e) {
      throw cannotRead(e, report);
    }
    if (unfinished) {
      report.problem(
          "stackwright: dist/ holds an unfinished synth (it was interrupted), so there is"
              + " nothing whole to compare with; run mvn -q compile exec:java -Denv="
              + Printable.line(options.env())
              + ", which repairs dist/ first, or restore dist/ from version control;"
              + " nothing was written");
      throw new Stop(Status.BAD_INPUT);
    }
  }

  /** Every change a synth would make: to each environment, the folders it removes, the root. */
  private DiffReport changes(Synthesis synthesis, Report report) throws Stop {
    DiffReport diff = new DiffReport();
    try {
      for (SynthOutput output : synthesis.outputs()) {
        environment(output, diff);
      }
      List<String> written = synthesis.outputs().stream().map(SynthOutput::environment).toList();
      for (String name : writer.staleFolders(written, DistPlan.isStale(options))) {
        removed(name, diff);
      }
      for (Map.Entry<String, byte[]> file : DistPlan.rootFiles(synthesis).entrySet()) {
        rootFile(file.getKey(), file.getValue(), diff);
      }
    } catch (IOException e) {
      throw cannotRead(e, report);
    }
    return diff;
  }

  private void environment(SynthOutput output, DiffReport diff) throws IOException {
    String name = output.environment();
    String shown = "dist/" + name + "/";
    Path folder = dist.resolve(name);
    List<ObjectDiff.FileChange> changes =
        ObjectDiff.compare(shown, DistInput.read(folder), DistWriter.asComparable(output.files()));
    diff.addEnvironment(name, DiffReport.withModes(shown, folder, changes));
  }

  private void removed(String name, DiffReport diff) throws IOException {
    diff.addRemoved(
        name,
        ObjectDiff.compare(
            "dist/" + name + "/", DistInput.read(dist.resolve(name)), new TreeMap<>()));
  }

  private void rootFile(String name, byte[] content, DiffReport diff) throws IOException {
    Path path = dist.resolve(name);
    SortedMap<String, DistWriter.Bytes> before = new TreeMap<>();
    byte[] previous = DistInput.readFile(path);
    if (previous != null) {
      before.put(name, new DistWriter.Bytes(previous));
    }
    SortedMap<String, DistWriter.Bytes> after = new TreeMap<>();
    after.put(name, new DistWriter.Bytes(content));
    diff.addRootFile(
        DiffReport.withModes("dist/" + name, path, ObjectDiff.compare("dist/", before, after)));
  }

  /** A {@code dist/} the diff refuses to read is bad input; one it cannot read, a failure. */
  private static Stop cannotRead(IOException e, Report report) {
    if (e instanceof DistInput.UntrustedException) {
      report.problem("stackwright: " + e.getMessage());
      return new Stop(Status.BAD_INPUT);
    }
    report.problem("stackwright: cannot read dist/: " + e.getMessage());
    return new Stop(Status.FAILED);
  }
}
