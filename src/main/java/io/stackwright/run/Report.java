package io.stackwright.run;

import java.util.ArrayList;
import java.util.List;

/** What a command has said so far: problems, and its output. */
final class Report {
  private final List<String> problems = new ArrayList<>();
  private final StringBuilder output = new StringBuilder();

  /** A line for standard error. */
  void problem(String line) {
    problems.add(line);
  }

  /** A line of output. */
  void line(String line) {
    output.append(line).append(System.lineSeparator());
  }

  /** Text for standard output as it is, such as a diff's hunks, each line ending in a newline. */
  void text(String text) {
    output.append(text);
  }

  /** The outcome, with everything said. */
  Outcome end(Status status) {
    return new Outcome(status, problems, output.toString());
  }
}
