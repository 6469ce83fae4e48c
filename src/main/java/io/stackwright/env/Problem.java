package io.stackwright.env;

import java.util.Objects;

/**
 * One thing wrong with an environment file, located precisely enough for an editor to jump to it.
 *
 * @param file the file name as given to the loader (a path or a display name)
 * @param line the 1-based line of the offending node
 * @param column the 1-based column of the offending node
 * @param keyPath where the node sits in the document, e.g. {@code services.backend.ports[0].name};
 *     {@code ""} for the document root
 * @param message what is wrong
 * @param hint how to fix it; {@code ""} when there is nothing useful to add
 */
public record Problem(
    String file, int line, int column, String keyPath, String message, String hint) {

  /** Normalizes absent key paths and hints to {@code ""}; file and message are required. */
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    keyPath = keyPath == null ? "" : keyPath;
    hint = hint == null ? "" : hint;
  }

  /**
   * Renders the problem in the gcc style that editors and terminals turn into links, for example
   * {@code environments/prod.yaml:12:5: services.backend.replicas: expected an integer, got the
   * string "3"; remove the quotes}. The message and the hint are separated by {@code ; }. The root
   * is printed as {@code (root)}; an empty hint is left out.
   *
   * @return the one-line rendering
   */
  public String format() {
    String where = keyPath.isEmpty() ? "(root)" : keyPath;
    String text = file + ":" + line + ":" + column + ": " + where + ": " + message;
    return hint.isEmpty() ? text : text + "; " + hint;
  }
}
