package io.stackwright.run;

import java.util.List;

/**
 * What a command came to, to be printed.
 *
 * @param status how it ended
 * @param problems the lines for standard error, in the order they arose
 * @param output the text for standard output: results, one line each, and a diff's hunks
 */
public record Outcome(Status status, List<String> problems, String output) {
  /**
   * Copies the list.
   *
   * @param status see {@link #status()}
   * @param problems see {@link #problems()}
   * @param output see {@link #output()}
   */
  public Outcome {
    problems = List.copyOf(problems);
  }
}
