package io.stackwright.run;

import io.stackwright.output.Cdk8sCliOutput;
import io.stackwright.output.DistDiff;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.synth.Synthesis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code synth}: repairs what an interrupted synth left in {@code dist/}, synthesizes the selected
 * environments in memory, and writes them into {@code dist/} all at once, or nothing.
 */
public final class SynthRun {
  private final Options options;

  /**
   * A synth.
   *
   * @param options what it is asked to do
   */
  public SynthRun(Options options) {
    this.options = options;
  }

  /**
   * Runs the synth.
   *
   * @return how it ended, and what to print
   */
  public Outcome run() {
    Report report = new Report();
    try {
      recover(report);
      InMemory.Synthesized synthesized = InMemory.synthesize(options, !options.rebuild(), report);
      write(synthesized, report);
      return report.end(Status.OK);
    } catch (Stop stop) {
      return report.end(stop.status());
    }
  }

  /** First, so that {@code dist/} is whole even if this synth then stops at bad input. */
  private void recover(Report report) throws Stop {
    try {
      for (String repaired : new DistWriter(options.dist()).recover()) {
        report.problem("stackwright: " + repaired);
      }
    } catch (DistInput.UntrustedException e) {
      report.problem("stackwright: " + e.getMessage());
      throw new Stop(Status.BAD_INPUT);
    } catch (IOException e) {
      report.problem("stackwright: " + e.getMessage());
      throw new Stop(Status.FAILED);
    }
  }

  private void write(InMemory.Synthesized synthesized, Report report) throws Stop {
    Synthesis synthesis = synthesized.synthesis();
    synthesis.report().skipNotices().forEach(notice -> report.problem("stackwright: " + notice));
    synthesis.notices().forEach(notice -> report.problem("stackwright: " + notice));
    writeForCdk8s(synthesis.outputs(), report);
    Map<String, Integer> changed = changedFiles(synthesis.outputs(), report);
    DistWriter.Written written = writeDist(synthesis, report);
    if (written.leftover() != null) {
      report.problem(
          "stackwright: wrote dist/, but could not finish cleaning up ("
              + written.leftover()
              + "); the next synth finishes it");
    }
    String unrecorded = synthesized.upToDate().save();
    if (unrecorded != null) {
      report.problem("stackwright: " + unrecorded);
    }
    new SynthSummary(synthesis, written.results(), changed).lines().forEach(report::line);
  }

  /** The copy the cdk8s CLI reads, if it asked for one; before {@code dist/} is touched. */
  private void writeForCdk8s(List<SynthOutput> outputs, Report report) throws Stop {
    String cdk8sOut = options.variables().apply(Cdk8sCliOutput.VARIABLE);
    if (cdk8sOut == null || cdk8sOut.isBlank()) {
      return;
    }
    try {
      Cdk8sCliOutput.write(Path.of(cdk8sOut), outputs);
    } catch (IOException e) {
      report.problem("stackwright: cannot write " + cdk8sOut + " for cdk8s: " + e.getMessage());
      throw new Stop(Status.FAILED);
    }
  }

  /**
   * How many files of each environment the synth changes. A file whose mode alone is wrong is
   * rewritten too, and counted as written.
   */
  private Map<String, Integer> changedFiles(List<SynthOutput> outputs, Report report) throws Stop {
    Map<String, Integer> changedFiles = new LinkedHashMap<>();
    try {
      for (SynthOutput output : outputs) {
        Path folder = options.dist().resolve(output.environment());
        Set<String> changed = new TreeSet<>(DistInput.wrongModes(folder).keySet());
        changed.remove("");
        changed.addAll(DistDiff.changedPaths(output, folder));
        changedFiles.put(output.environment(), changed.size());
      }
    } catch (IOException e) {
      throw cannotWrite(e, report);
    }
    return changedFiles;
  }

  private DistWriter.Written writeDist(Synthesis synthesis, Report report) throws Stop {
    try {
      return new DistWriter(options.dist())
          .write(synthesis.outputs(), DistPlan.rootFiles(synthesis), DistPlan.isStale(options));
    } catch (IOException e) {
      throw cannotWrite(e, report);
    }
  }

  /** A {@code dist/} the synth refuses to touch is bad input; one it cannot write, a failure. */
  private static Stop cannotWrite(IOException e, Report report) {
    if (e instanceof DistInput.UntrustedException) {
      report.problem("stackwright: " + e.getMessage() + "; nothing was written.");
      return new Stop(Status.BAD_INPUT);
    }
    report.problem("stackwright: cannot write dist/, left as it was: " + e.getMessage());
    return new Stop(Status.FAILED);
  }
}
