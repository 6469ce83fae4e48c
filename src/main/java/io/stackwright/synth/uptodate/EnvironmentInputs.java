package io.stackwright.synth.uptodate;

import io.stackwright.model.StackModel;
import io.stackwright.validate.Waiver;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** The inputs of one environment, as the parts of its digest. */
final class EnvironmentInputs {
  private EnvironmentInputs() {}

  /**
   * The parts of an environment's digest, in a fixed order.
   *
   * @param shared what every environment of the synth shares ({@link SharedInputs})
   * @param environment its name
   * @param file the bytes of its environment file, as loaded
   * @param variables every variable the file read, with its value ({@code null} when unset)
   * @param model the stack the definition made of them
   * @param waivers the waivers the gate applies to it
   * @return the parts
   */
  static List<byte[]> parts(
      String shared,
      String environment,
      byte[] file,
      SortedMap<String, String> variables,
      StackModel model,
      List<Waiver> waivers) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(Digests.utf8(shared));
    parts.add(Digests.utf8(environment));
    parts.add(file);
    parts.add(Digests.utf8(model.toString()));
    parts.add(Digests.utf8("waivers " + waivers.size()));
    for (Waiver waiver : waivers) {
      parts.add(Digests.utf8(waiver.rule()));
      parts.add(Digests.utf8(waiver.object()));
      parts.add(Digests.utf8(waiver.reason()));
    }
    variables.forEach(
        (name, value) -> {
          parts.add(Digests.utf8(name));
          parts.add(value == null ? new byte[] {0} : Digests.utf8("=" + value));
        });
    return parts;
  }
}
