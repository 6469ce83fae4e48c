package io.stackwright.synth;

import io.stackwright.validate.ValidationReport;
import java.util.List;

/** The stack could not be built or failed a check; nothing was written. Exit code 1. */
public final class ValidationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The failures, one line each. */
  private final List<String> failures;

  private final transient ValidationReport report;

  /**
   * One message per failure, each naming its environment.
   *
   * @param failures the messages, one line each
   */
  public ValidationException(List<String> failures) {
    super(String.join("\n", failures));
    this.failures = List.copyOf(failures);
    this.report = null;
  }

  /**
   * The output failed the validation gate: the report says where, grouped by environment and file.
   *
   * @param report the gate's report, which failed
   */
  public ValidationException(ValidationReport report) {
    this(report.failureLines(), report);
  }

  private ValidationException(List<String> lines, ValidationReport report) {
    super(String.join("\n", lines));
    this.failures = List.copyOf(lines);
    this.report = report;
  }

  /** {@return the failures, one line each} */
  public List<String> failures() {
    return failures;
  }

  /**
   * The gate's report, or {@code null} when the stack failed before it could be validated.
   *
   * @return the report, or {@code null}
   */
  public ValidationReport report() {
    return report;
  }
}
