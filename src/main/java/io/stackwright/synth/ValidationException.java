package io.stackwright.synth;

import java.util.List;

/** The stack could not be built or failed a check; nothing was written. Exit code 1. */
public final class ValidationException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> failures;

  /** One message per failure, each naming its environment. */
  public ValidationException(List<String> failures) {
    super(String.join("\n", failures));
    this.failures = List.copyOf(failures);
  }

  /** The failures, one message each. */
  public List<String> failures() {
    return failures;
  }
}
