package io.stackwright.validate;

import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validation gate every synth passes before anything is written: the policy rules on each
 * environment's output and the comparison of its two targets ({@link Parity}), kubeconform on its
 * manifests and the Compose CLI on its Compose file. The tools run on a copy of the output in a
 * scratch folder outside {@code dist/}, removed afterwards; {@code dist/} is never read or written
 * here.
 *
 * <p>A tool that is missing skips its layer, which the report says; in {@link ValidationMode#STRICT
 * strict} mode that fails the synth.
 */
public final class ValidationGate {
  /**
   * The scratch folders' prefix: {@code stackwright-validate} (which a later synth sweeps when a
   * killed one left it) and this process's id, so that one process's folders can be told from
   * another's synth running at the same time.
   */
  static final String SCRATCH_PREFIX =
      "stackwright-validate-" + ProcessHandle.current().pid() + "-";

  private final Tools tools;
  private final ValidationMode mode;
  private final boolean toolLayers;

  private ValidationGate(Tools tools, ValidationMode mode, boolean toolLayers) {
    this.tools = tools;
    this.mode = mode;
    this.toolLayers = toolLayers;
  }

  /**
   * A gate with every layer, running the tools given.
   *
   * @param tools the tools found, as {@link Tools#locate} finds them
   * @param mode whether a layer whose tool is missing is skipped or fails the gate
   */
  public ValidationGate(Tools tools, ValidationMode mode) {
    this(tools, mode, true);
  }

  /**
   * A gate of the policy layer alone, which needs no tool; for code that renders in memory.
   *
   * @return the gate
   */
  public static ValidationGate policyOnly() {
    return new ValidationGate(Tools.none(), ValidationMode.AUTO, false);
  }

  /**
   * Checks every subject; the report says whether the synth may write. The tools run as child
   * processes side by side (kubeconform once for every environment, the Compose CLI once per
   * Compose file) while the policy rules run here; their findings are put together in the same
   * order whatever finishes first.
   *
   * @param subjects the output of each environment, in synth order
   * @return the report
   */
  public ValidationReport check(List<Subject> subjects) {
    try (GateCheck check = begin()) {
      return check.finish(subjects);
    }
  }

  /**
   * Begins a check before every output is rendered, so that the Compose CLI can start on each
   * environment's Compose files as soon as they are rendered ({@link GateCheck#composeRendered}).
   *
   * @return the check, to finish with the outputs and then close
   */
  public GateCheck begin() {
    return new GateCheck(this, toolLayers ? new ToolRuns(tools) : ToolRuns.none());
  }

  /** Whether the Compose layer runs: its tool is found and the gate has tool layers. */
  boolean composeRuns() {
    return toolLayers && tools.composeMissing() == null;
  }

  /** Checks every subject, the tools on {@code runs}: the body of {@link GateCheck#finish}. */
  ValidationReport finish(ToolRuns runs, List<Subject> subjects) {
    GateFindings found = new GateFindings();
    startTools(runs, subjects, found);
    checkPolicy(subjects, found);
    runs.join(found);
    return found.report(mode, subjects);
  }

  /** Starts every tool layer whose tool is found; marks the others skipped. */
  private void startTools(ToolRuns runs, List<Subject> subjects, GateFindings found) {
    if (!toolLayers) {
      return;
    }
    found.skipIfMissing(Layer.KUBECONFORM, tools.kubeconformMissing());
    found.skipIfMissing(Layer.COMPOSE, tools.composeMissing());
    // The real programs start at once, beside the tools: each layer checks its files on a thread.
    runs.startPrograms(subjects, found);
    boolean runKubeconform = tools.kubeconformMissing() == null;
    boolean runCompose = tools.composeMissing() == null;
    if (runKubeconform || runCompose) {
      runs.startInScratch(subjects, runKubeconform, runCompose, found);
    }
  }

  /** The policy rules on each subject, with its waivers, then the comparison of its targets. */
  private static void checkPolicy(List<Subject> subjects, GateFindings found) {
    long start = System.nanoTime();
    Map<String, Parity.Result> parity = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      List<ValidationReport.Waived> applied = new ArrayList<>();
      PolicyLayer.Result policy = PolicyLayer.check(subject);
      parity.put(subject.environment(), policy.parity());
      found.policy(subject.environment(), Waivers.apply(subject, policy, applied), applied);
    }
    found.ran(Layer.POLICY, Duration.ofNanos(System.nanoTime() - start));
    checkParity(parity, found);
  }

  /** Compared when the output was read back, as PARITY.md was made from the same comparison. */
  private static void checkParity(Map<String, Parity.Result> parity, GateFindings found) {
    long start = System.nanoTime();
    parity.forEach(
        (environment, result) -> {
          for (Violation v : result.mismatches()) {
            found.add(
                environment,
                new Finding(Layer.PARITY, v.file(), v.object(), v.field(), "", v.message()));
          }
        });
    found.ran(Layer.PARITY, Duration.ofNanos(System.nanoTime() - start));
  }

  /** A thread of a tool's check: daemon, as a synth that fails leaves such checks behind. */
  static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "validation-tool");
    thread.setDaemon(true);
    return thread;
  }

  /** Copies every output file into {@code scratch} as {@code <env>/<file>}. */
  static void copy(List<Subject> subjects, Path scratch) throws IOException {
    for (Subject subject : subjects) {
      write(scratch.resolve(subject.environment()), subject.output().files());
    }
  }

  /** Writes each file into {@code folder} at its relative path. */
  static void write(Path folder, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }
}
