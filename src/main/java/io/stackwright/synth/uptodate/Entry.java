package io.stackwright.synth.uptodate;

import io.stackwright.output.SynthOutput;
import io.stackwright.validate.Layer;
import io.stackwright.validate.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One set of inputs of an environment, as the record stores it, and what its synth made of them.
 *
 * @param file the salted digest of the environment file alone, to tell early whether it changed
 * @param inputs the salted digest of every input
 * @param files the SHA-256 of each file written to {@code dist/<env>/}, by relative path
 * @param kubernetesObjects how many Kubernetes objects the files hold
 * @param objectsByKind how many of each kind
 * @param composeServices how many Compose services
 * @param layers the validation layers that passed
 * @param skipped the layers skipped, with why
 * @param waived the findings waivers exempted
 */
record Entry(
    String file,
    String inputs,
    SortedMap<String, String> files,
    int kubernetesObjects,
    SortedMap<String, Integer> objectsByKind,
    int composeServices,
    List<Layer> layers,
    Map<Layer, String> skipped,
    List<ValidationReport.Waived> waived) {

  /**
   * The entry of an environment rendered and checked.
   *
   * @param file the salted digest of its environment file
   * @param inputs the salted digest of every input
   * @param environment its name
   * @param output its files
   * @param report what the gate found
   * @return the entry
   */
  static Entry of(
      String file, String inputs, String environment, SynthOutput output, ValidationReport report) {
    SortedMap<String, String> files = new TreeMap<>();
    output.files().forEach((path, content) -> files.put(path, Digests.sha256(content)));
    List<ValidationReport.Waived> waived =
        report.environments().stream()
            .filter(e -> e.environment().equals(environment))
            .flatMap(e -> e.waived().stream())
            .toList();
    return new Entry(
        file,
        inputs,
        files,
        output.kubernetesObjects(),
        new TreeMap<>(output.objectsByKind()),
        output.composeServices(),
        report.ran(),
        report.skipped(),
        waived);
  }

  /** Whether every part is there, so that using the entry cannot fail. */
  boolean isWhole() {
    return file != null
        && inputs != null
        && hasNoNull(files)
        && hasNoNull(objectsByKind)
        && layers != null
        && layers.stream().allMatch(Objects::nonNull)
        && hasNoNull(skipped)
        && waived != null
        && waived.stream().allMatch(w -> w != null && w.finding() != null && w.waiver() != null);
  }

  private static boolean hasNoNull(Map<?, ?> map) {
    // A sorted map refuses to be asked whether it holds a null key.
    return map != null
        && map.entrySet().stream().allMatch(e -> e.getKey() != null && e.getValue() != null);
  }
}
