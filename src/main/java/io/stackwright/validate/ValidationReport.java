package io.stackwright.validate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the validation gate found in the environments of one synth, grouped by environment and file,
 * with the waivers it applied and the layers that ran or were skipped.
 */
public final class ValidationReport {

  /**
   * A policy finding that a waiver in the environment file exempts.
   *
   * @param finding what the rule found
   * @param waiver the waiver, with its reason
   */
  public record Waived(Finding finding, Waiver waiver) {}

  /**
   * One environment's part of the report.
   *
   * @param environment its name
   * @param environmentFile its file, e.g. {@code environments/prod.yaml}
   * @param findings the problems that fail the synth, in report order
   * @param waived the findings waivers exempt
   */
  public record EnvironmentReport(
      String environment, String environmentFile, List<Finding> findings, List<Waived> waived) {
    /**
     * Copies the lists; sorts the findings.
     *
     * @param environment see {@link #environment()}
     * @param environmentFile see {@link #environmentFile()}
     * @param findings see {@link #findings()}
     * @param waived see {@link #waived()}
     */
    public EnvironmentReport {
      findings = findings.stream().sorted(Finding.ORDER).toList();
      waived = List.copyOf(waived);
    }
  }

  private final ValidationMode mode;
  private final List<EnvironmentReport> environments;
  private final List<Layer> ran;
  private final Map<Layer, String> skipped;
  private final List<String> toolFailures;
  private final Map<Layer, Duration> durations;

  ValidationReport(
      ValidationMode mode,
      List<EnvironmentReport> environments,
      List<Layer> ran,
      Map<Layer, String> skipped,
      List<String> toolFailures,
      Map<Layer, Duration> durations) {
    this.mode = mode;
    this.environments = List.copyOf(environments);
    this.ran = List.copyOf(ran);
    this.skipped = new EnumMap<>(Layer.class);
    this.skipped.putAll(skipped);
    this.toolFailures = List.copyOf(toolFailures);
    this.durations = new EnumMap<>(Layer.class);
    this.durations.putAll(durations);
  }

  /**
   * The report of a synth that left some environments as they were, their inputs unchanged since
   * they passed the gate: theirs, with what the gate found when they were written, beside this
   * synth's report of the others.
   *
   * @param checked the gate's report of the environments checked now, or {@code null} if none was
   * @param mode the validation mode
   * @param upToDate the reports of the environments left as they were
   * @param layers the layers those passed
   * @param skipped the layers skipped for them, with why
   * @param order the environments in the order of the synth
   * @return the report of every environment of the synth, in its order
   */
  public static ValidationReport withUpToDate(
      ValidationReport checked,
      ValidationMode mode,
      List<EnvironmentReport> upToDate,
      List<Layer> layers,
      Map<Layer, String> skipped,
      List<String> order) {
    List<EnvironmentReport> all = new ArrayList<>(upToDate);
    if (checked != null) {
      all.addAll(checked.environments);
    }
    all.sort(java.util.Comparator.comparingInt(e -> order.indexOf(e.environment())));
    if (checked == null) {
      return new ValidationReport(mode, all, layers, skipped, List.of(), Map.of());
    }
    return new ValidationReport(
        checked.mode, all, checked.ran, checked.skipped, checked.toolFailures, checked.durations);
  }

  /**
   * Whether the synth may write: no finding, no failed tool, no required layer skipped.
   *
   * @return whether it passed
   */
  public boolean passed() {
    return toolFailures.isEmpty()
        && (mode == ValidationMode.AUTO || skipped.isEmpty())
        && environments.stream().allMatch(e -> e.findings().isEmpty());
  }

  /** {@return the environments, in synth order} */
  public List<EnvironmentReport> environments() {
    return environments;
  }

  /** {@return the layers that ran, in order} */
  public List<Layer> ran() {
    return ran;
  }

  /** {@return the layers that were skipped, each with why and how to install its tool} */
  public Map<Layer, String> skipped() {
    return skipped;
  }

  /** {@return how long each layer that ran took, for all environments together} */
  public Map<Layer, Duration> durations() {
    return durations;
  }

  /** {@return the layers that ran, for the summary: {@code policy, kubeconform, compose}} */
  public String layersRan() {
    return ran.stream().map(Layer::label).collect(Collectors.joining(", "));
  }

  /** {@return one line per skipped layer, saying why and how to install its tool} */
  public List<String> skipNotices() {
    List<String> lines = new ArrayList<>();
    skipped.forEach(
        (layer, reason) ->
            lines.add(
                (mode == ValidationMode.STRICT ? "required layer " : "skipped the ")
                    + layer.label()
                    + (mode == ValidationMode.STRICT ? " cannot run: " : " layer: ")
                    + reason));
    return lines;
  }

  /** {@return one line per waived finding: which rule, which object, why} */
  public List<String> waiverLines() {
    List<String> lines = new ArrayList<>();
    for (EnvironmentReport environment : environments) {
      for (Waived waived : environment.waived()) {
        lines.add(
            environment.environment()
                + ": waived "
                + waived.waiver().rule()
                + " for "
                + waived.waiver().object()
                + " ("
                + environment.environmentFile()
                + "): "
                + waived.waiver().reason());
      }
    }
    return lines;
  }

  /** {@return how long each layer took, such as {@code policy 0.04 s, kubeconform 0.61 s}} */
  public String timings() {
    return ran.stream()
        .map(
            layer ->
                String.format(
                    Locale.ROOT,
                    "%s %.2f s",
                    layer.label(),
                    durations.getOrDefault(layer, Duration.ZERO).toNanos() / 1e9))
        .collect(Collectors.joining(", "));
  }

  /**
   * The problems as text: per environment, per file, one line per finding; then failed tools and,
   * in strict mode, the layers that could not run.
   *
   * @return the lines; empty when the report passed
   */
  public List<String> failureLines() {
    List<String> lines = new ArrayList<>();
    for (EnvironmentReport environment : environments) {
      if (environment.findings().isEmpty()) {
        continue;
      }
      lines.add(
          environment.environment()
              + " ("
              + environment.environmentFile()
              + "): "
              + environment.findings().size()
              + " problem(s)");
      Map<String, List<Finding>> byFile = new TreeMap<>();
      for (Finding finding : environment.findings()) {
        byFile.computeIfAbsent(finding.file(), f -> new ArrayList<>()).add(finding);
      }
      byFile.forEach(
          (file, findings) -> {
            String where =
                file.equals(environment.environmentFile())
                    ? file
                    : "dist/" + environment.environment() + "/" + file;
            lines.add("  " + where + ":");
            findings.forEach(f -> lines.add("    " + f.describe()));
          });
    }
    toolFailures.forEach(failure -> lines.add("validation tool failed: " + failure));
    if (mode == ValidationMode.STRICT) {
      lines.addAll(skipNotices());
    }
    return lines;
  }
}
