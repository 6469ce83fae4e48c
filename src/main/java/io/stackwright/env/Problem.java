package io.stackwright.env;

import io.stackwright.text.Printable;
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

  /**
   * Normalizes absent key paths and hints to {@code ""}; file and message are required. Control
   * characters and invisible format characters in the key path, message and hint are written as
   * escapes ({@code \n}, {@code \u202E}), because they quote the file's own text: a problem is
   * always one line, and a hostile file cannot forge further lines or reorder what a terminal
   * shows. Each is cut in the middle to a readable length ({@link Printable#MAX_LENGTH}), as a
   * value quoted whole could be a megabyte long.
   *
   * @param file see {@link #file()}
   * @param line see {@link #line()}
   * @param column see {@link #column()}
   * @param keyPath see {@link #keyPath()}
   * @param message see {@link #message()}
   * @param hint see {@link #hint()}
   */
  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    keyPath = keyPath == null ? "" : Printable.line(keyPath);
    message = Printable.line(message);
    hint = hint == null ? "" : Printable.line(hint);
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
