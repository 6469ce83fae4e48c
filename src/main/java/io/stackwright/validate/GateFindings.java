package io.stackwright.validate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one check of the {@link ValidationGate} found, layer by layer: the layers that ran and how
 * long each took, those skipped and why, each environment's findings and applied waivers, and why a
 * tool could not run. Layers are added in a fixed order, so the report reads the same whatever
 * finishes first.
 */
final class GateFindings {
  private final Map<Layer, Duration> durations = new EnumMap<>(Layer.class);
  private final List<Layer> ran = new ArrayList<>();
  private final Map<Layer, String> skipped = new EnumMap<>(Layer.class);
  private final List<String> toolFailures = new ArrayList<>();
  private final Map<String, List<Finding>> findings = new LinkedHashMap<>();
  private final Map<String, List<ValidationReport.Waived>> waived = new LinkedHashMap<>();

  /** Marks a layer skipped, when its tool is missing ({@code why} is not {@code null}). */
  void skipIfMissing(Layer layer, String why) {
    if (why != null) {
      skipped.put(layer, why);
    }
  }

  /** Records that a layer ran, and how long it took. */
  void ran(Layer layer, Duration took) {
    ran.add(layer);
    durations.put(layer, took);
  }

  /** Records why a tool could not run, or could not be read. */
  void toolFailure(String failure) {
    toolFailures.add(failure);
  }

  /** An environment's findings of the policy layer that no waiver covers, and the waivers used. */
  void policy(String environment, List<Finding> remaining, List<ValidationReport.Waived> applied) {
    findings.put(environment, new ArrayList<>(remaining));
    waived.put(environment, applied);
  }

  /** One more finding of an environment the policy layer checked. */
  void add(String environment, Finding finding) {
    findings.get(environment).add(finding);
  }

  /** What a tool found, by environment, and why it could not run, if it could not. */
  void add(ToolResult result) {
    result.findings().forEach(this::addFound);
    toolFailures.addAll(result.failures());
  }

  private void addFound(String environment, List<Finding> found) {
    List<Finding> list = findings.get(environment);
    if (list == null) {
      toolFailures.add("a tool reported on an unknown file of environment " + environment);
    } else {
      list.addAll(found);
    }
  }

  /** The report of the subjects, in their order. */
  ValidationReport report(ValidationMode mode, List<Subject> subjects) {
    List<ValidationReport.EnvironmentReport> environments = new ArrayList<>();
    for (Subject subject : subjects) {
      environments.add(
          new ValidationReport.EnvironmentReport(
              subject.environment(),
              subject.environmentFile(),
              findings.get(subject.environment()),
              waived.get(subject.environment())));
    }
    return new ValidationReport(mode, environments, ran, skipped, toolFailures, durations);
  }
}
