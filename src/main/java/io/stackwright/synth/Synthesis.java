package io.stackwright.synth;

import io.stackwright.output.SynthOutput;
import io.stackwright.validate.ValidationReport;
import java.util.List;

/**
 * The result of a synth that passed the validation gate.
 *
 * @param outputs each environment's files, in the order synthesized
 * @param report what the gate did: the layers that ran or were skipped, the waivers it applied
 * @param environmentComparison the new {@code dist/ENVIRONMENTS.md}, or {@code null} when it cannot
 *     be made (another environment does not build) and is to be left as it is
 * @param notices what the user should know that does not stop the synth, one line each
 * @param upToDate the environments left as {@code dist/} holds them, their inputs unchanged since
 *     they passed the gate (see {@link io.stackwright.synth.uptodate.UpToDate})
 */
public record Synthesis(
    List<SynthOutput> outputs,
    ValidationReport report,
    String environmentComparison,
    List<String> notices,
    List<String> upToDate) {

  /**
   * Copies the lists.
   *
   * @param outputs see {@link #outputs()}
   * @param report see {@link #report()}
   * @param environmentComparison see {@link #environmentComparison()}
   * @param notices see {@link #notices()}
   * @param upToDate see {@link #upToDate()}
   */
  public Synthesis {
    outputs = List.copyOf(outputs);
    notices = List.copyOf(notices);
    upToDate = List.copyOf(upToDate);
  }

  /**
   * A synthesis that rendered every environment.
   *
   * @param outputs see {@link #outputs()}
   * @param report see {@link #report()}
   * @param environmentComparison see {@link #environmentComparison()}
   * @param notices see {@link #notices()}
   */
  public Synthesis(
      List<SynthOutput> outputs,
      ValidationReport report,
      String environmentComparison,
      List<String> notices) {
    this(outputs, report, environmentComparison, notices, List.of());
  }
}
