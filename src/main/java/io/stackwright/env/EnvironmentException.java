package io.stackwright.env;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Everything wrong with one environment file, found in a single pass so that a user fixes all of it
 * at once instead of one error per run.
 */
public final class EnvironmentException extends Exception {

  private static final Comparator<Problem> FILE_ORDER =
      Comparator.comparing(Problem::file)
          .thenComparingInt(Problem::line)
          .thenComparingInt(Problem::column);

  /** The problems, sorted by file, line, then column; never empty. */
  private final List<Problem> problems;

  /**
   * Creates the exception from the problems found.
   *
   * @param problems at least one problem; they are kept sorted by file, line, then column (problems
   *     at the same position keep the order they were given in)
   * @throws IllegalArgumentException if {@code problems} is empty
   */
  public EnvironmentException(List<Problem> problems) {
    super(render(sorted(problems)));
    this.problems = sorted(problems);
  }

  /**
   * Joins the problems of several files into one exception, sorted by file, then position.
   *
   * @param exceptions at least one
   * @return one exception holding every problem
   */
  public static EnvironmentException combine(List<EnvironmentException> exceptions) {
    List<Problem> all = new ArrayList<>();
    exceptions.forEach(e -> all.addAll(e.problems()));
    return new EnvironmentException(all);
  }

  /**
   * Returns the problems in file order.
   *
   * @return an unmodifiable list, sorted by line, then column
   */
  public List<Problem> problems() {
    return problems;
  }

  private static List<Problem> sorted(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an EnvironmentException needs at least one problem");
    }
    List<Problem> copy = new ArrayList<>(problems);
    copy.sort(FILE_ORDER);
    return List.copyOf(copy);
  }

  private static String render(List<Problem> problems) {
    return problems.stream().map(Problem::format).collect(Collectors.joining("\n"));
  }
}
