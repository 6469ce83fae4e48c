package io.stackwright.run;

import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.synth.Synthesis;
import io.stackwright.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a synth that wrote {@code dist/} says: one line per environment (what was written, how many
 * objects, which checks ran, how long it took), then the comparison, the waivers applied, the
 * validation's time, the environments left as they were and the folders removed.
 *
 * @param synthesis what was synthesized
 * @param results what the writer did with each folder and file of {@code dist/}, by name
 * @param changed how many files of each environment were changed
 */
record SynthSummary(
    Synthesis synthesis, Map<String, DistWriter.Result> results, Map<String, Integer> changed) {

  /** {@return the lines, in order} */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    ValidationReport report = synthesis.report();
    List<String> upToDate = synthesis.upToDate();
    for (SynthOutput output : synthesis.outputs()) {
      lines.add(environment(output, report, upToDate.contains(output.environment())));
    }
    DistWriter.Result comparison = results.get(EnvironmentComparison.FILE);
    if (comparison != null) {
      lines.add(
          (comparison == DistWriter.Result.WRITTEN ? "wrote" : "unchanged")
              + " dist/"
              + EnvironmentComparison.FILE);
    }
    lines.addAll(report.waiverLines());
    if (upToDate.size() < synthesis.outputs().size()) {
      lines.add("validation took " + report.timings() + " for all environments");
    }
    if (!upToDate.isEmpty()) {
      lines.add(
          "up to date: "
              + String.join(", ", upToDate)
              + " (inputs and dist/ unchanged since they passed every check; --rebuild, or"
              + " -Drebuild with Maven, renders and checks them again)");
    }
    results.forEach(
        (name, result) -> {
          if (result == DistWriter.Result.REMOVED) {
            lines.add(name + ": removed dist/" + name + " (no environments/" + name + ".yaml)");
          }
        });
    return lines;
  }

  private String environment(SynthOutput output, ValidationReport report, boolean upToDate) {
    DistWriter.Result result = results.get(output.environment());
    String kinds =
        output.objectsByKind().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "%s: %s dist/%s: %d files, %d written; %d Kubernetes objects (%s), %d Compose services;"
            + " checks: model, %s%s; %.2f s",
        output.environment(),
        // An environment left as it is still has a file whose mode alone was wrong rewritten: say
        // so as a full synth would.
        result == DistWriter.Result.WRITTEN ? "wrote" : upToDate ? "up to date" : "unchanged",
        output.environment(),
        output.files().size(),
        result == DistWriter.Result.WRITTEN ? changed.get(output.environment()) : 0,
        output.kubernetesObjects(),
        kinds,
        output.composeServices(),
        report.layersRan(),
        upToDate ? " (passed with these inputs, not run again)" : "",
        output.elapsed().toNanos() / 1e9);
  }
}
