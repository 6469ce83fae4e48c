package io.stackwright.synth;

import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.synth.uptodate.UpToDate;
import io.stackwright.validate.Waiver;
import java.util.List;

/**
 * One environment, rendered in memory or left as {@code dist/} holds it.
 *
 * @param environment the environment's name
 * @param stack its model
 * @param waivers the waivers its file writes
 * @param output its files
 * @param current what the record says of it when it is left as it is, else {@code null}
 * @param file the bytes of its environment file, as loaded; {@code null} when it changed while
 *     being loaded
 * @param inputs the digest of its inputs, for the record; {@code null} when it has none
 */
record Rendered(
    String environment,
    StackModel stack,
    List<Waiver> waivers,
    SynthOutput output,
    UpToDate.Current current,
    byte[] file,
    String inputs) {

  /** Whether it was left as {@code dist/} holds it, its inputs unchanged since it passed. */
  boolean leftAsItIs() {
    return current != null;
  }
}
