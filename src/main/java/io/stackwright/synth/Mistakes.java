package io.stackwright.synth;

import io.stackwright.env.EnvironmentException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the stack refused while the environments were built: values of their files, which are bad
 * input at their lines, and mistakes of the stack's own code, each said once with the environments
 * it broke (a wrong route breaks them all).
 */
final class Mistakes {
  private final List<EnvironmentException> rejected = new ArrayList<>();
  private final Map<String, List<String>> ofTheCode = new LinkedHashMap<>();

  /** A value of an environment's file, refused at its line. */
  void rejected(EnvironmentException problem) {
    rejected.add(problem);
  }

  /** A mistake of the stack's code, which broke {@code environment}. */
  void ofTheCode(String environment, String mistake) {
    ofTheCode.computeIfAbsent(mistake, k -> new ArrayList<>()).add(environment);
  }

  /**
   * Throws what was found: bad input first, as fixing it may change what the code does.
   *
   * @throws EnvironmentException the refused values of the files (exit code 2)
   * @throws ValidationException the mistakes of the stack's code (exit code 1)
   */
  void throwIfAny() throws EnvironmentException, ValidationException {
    if (!rejected.isEmpty()) {
      throw EnvironmentException.combine(rejected);
    }
    if (!ofTheCode.isEmpty()) {
      throw new ValidationException(
          ofTheCode.entrySet().stream()
              .map(m -> String.join(", ", m.getValue()) + ": " + m.getKey())
              .toList());
    }
  }
}
