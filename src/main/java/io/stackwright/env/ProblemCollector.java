package io.stackwright.env;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;

/** Gathers the problems of one file so that loading can go on after the first one. */
final class ProblemCollector {

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  ProblemCollector(String file) {
    this.file = file;
  }

  /** Adds a problem at a SnakeYAML mark, whose line and column are 0-based. */
  void add(Mark mark, String keyPath, String message, String hint) {
    if (mark == null) {
      add(1, 1, keyPath, message, hint);
    } else {
      add(mark.getLine() + 1, mark.getColumn() + 1, keyPath, message, hint);
    }
  }

  /**
   * Adds a problem at a 1-based position.
   *
   * @throws LoadingStopped once {@link Limits#MAX_PROBLEMS} have been collected
   */
  void add(int line, int column, String keyPath, String message, String hint) {
    if (problems.size() == Limits.MAX_PROBLEMS) {
      problems.add(
          new Problem(
              file,
              line,
              column,
              keyPath,
              "too many problems; stopped after " + Limits.MAX_PROBLEMS,
              "fix these and load the file again"));
      throw new LoadingStopped();
    }
    problems.add(new Problem(file, line, column, keyPath, message, hint));
  }

  int count() {
    return problems.size();
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }
}
