package io.stackwright.synth;

import io.stackwright.output.SynthOutput;
import io.stackwright.validate.ValidationReport;
import java.util.List;

/**
 * The result of a synth that passed the validation gate.
 *
 * @param outputs each environment's files, in the order synthesized
 * @param report what the gate did: the layers that ran or were skipped, the waivers it applied
 */
public record Synthesis(List<SynthOutput> outputs, ValidationReport report) {

  /** Copies the list. */
  public Synthesis {
    outputs = List.copyOf(outputs);
  }
}
