package io.stackwright.synth;

import io.stackwright.synth.uptodate.UpToDate;
import io.stackwright.validate.GateCheck;
import io.stackwright.validate.GeneratedConfig;
import io.stackwright.validate.Subject;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes the rendered environments through the {@link ValidationGate}; those left as {@code dist/}
 * holds them join the report as the record says they passed.
 */
final class Validation {
  private final ValidationGate gate;
  private final Environments environments;

  Validation(ValidationGate gate, Environments environments) {
    this.gate = gate;
    this.environments = environments;
  }

  /** Begins the gate's check, before the environments are rendered. */
  GateCheck begin() {
    return gate.begin();
  }

  /**
   * The report of every environment.
   *
   * @param check the gate's check, begun before the environments were rendered
   * @param names the environments, as selected
   * @param upToDate the record of earlier synths
   * @throws ValidationException when the output fails the gate
   */
  ValidationReport validate(
      GateCheck check, List<Rendered> rendered, List<String> names, UpToDate upToDate)
      throws ValidationException {
    List<Subject> subjects =
        rendered.stream().filter(r -> !r.leftAsItIs()).map(this::subject).toList();
    ValidationReport report = null;
    if (!subjects.isEmpty()) {
      report = check.finish(subjects);
      if (!report.passed()) {
        throw new ValidationException(report);
      }
    }
    List<Rendered> left = rendered.stream().filter(Rendered::leftAsItIs).toList();
    if (left.isEmpty()) {
      return report;
    }
    UpToDate.Current first = left.get(0).current();
    return ValidationReport.withUpToDate(
        report, upToDate.mode(), reports(left), first.layers(), first.skipped(), names);
  }

  private Subject subject(Rendered r) {
    return new Subject(
        r.environment(),
        environments.display(r.environment()),
        r.stack().development(),
        r.stack().externalSecrets(),
        r.waivers(),
        r.output(),
        GeneratedConfig.of(r.stack()));
  }

  /** What the record says of the environments left as they are. */
  private List<ValidationReport.EnvironmentReport> reports(List<Rendered> left) {
    List<ValidationReport.EnvironmentReport> reports = new ArrayList<>();
    for (Rendered r : left) {
      reports.add(
          new ValidationReport.EnvironmentReport(
              r.environment(),
              environments.display(r.environment()),
              List.of(),
              r.current().waived()));
    }
    return reports;
  }
}
