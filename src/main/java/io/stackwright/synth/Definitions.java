package io.stackwright.synth;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.EnvironmentLoader;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.StackModel;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.Waiver;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * Defines each environment's stack from its props, held to the environment it was asked for, and
 * sorts what the stack refused: a value of the environment file is bad input at its line of the
 * file; anything else the stack's code got wrong ({@link IllegalArgumentException}) is the code's
 * mistake, with the line of the code where it was made. Any other exception is a bug and passes.
 *
 * @param <P> the record the stack's environment files bind to
 */
final class Definitions<P extends Record> {
  private final StackDefinition<P> definition;
  private final Environments environments;
  private final Loader<P> loader;

  Definitions(StackDefinition<P> definition, Environments environments, Loader<P> loader) {
    this.definition = definition;
    this.environments = environments;
    this.loader = loader;
  }

  /**
   * Defines one environment's stack, holding it to the environment it was asked for: the name, and
   * whether it is a developer's, which only {@link StackDefinition#isDevelopment} decides, so that
   * no stack can give a production environment generated, known secrets.
   *
   * @throws IllegalArgumentException the stack's mistake
   */
  StackModel define(String environment, P props) {
    StackModel stack = definition.model(environment, props);
    if (!stack.environment().equals(environment)) {
      throw new IllegalArgumentException(
          "the stack defined for environment "
              + environment
              + " says it is for "
              + stack.environment()
              + "; pass the environment given to define() to new Stack(...)");
    }
    boolean development = definition.isDevelopment(environment);
    if (stack.development() != development) {
      throw new IllegalArgumentException(
          "the stack is built as "
              + (stack.development() ? "a development" : "a non-development")
              + " environment, but isDevelopment(\""
              + environment
              + "\") is "
              + development
              + "; pass isDevelopment(environment) to new Stack(...), so that generated development"
              + " secrets never reach another environment");
    }
    return stack;
  }

  /** The waivers an environment's props write. */
  List<Waiver> waivers(P props) {
    return definition.waivers(props);
  }

  /**
   * Loads and defines an environment for its column of the comparison.
   *
   * @throws EnvironmentException the problems of its file, and the values the stack refused
   * @throws IllegalArgumentException a mistake of the stack's code
   */
  EnvironmentComparison.Column column(String name) throws EnvironmentException {
    P props = loader.load(name);
    try {
      return new EnvironmentComparison.Column(define(name, props), waivers(props));
    } catch (InvalidPropException e) {
      InvalidPropException inFile = inFile(e, props);
      if (inFile == null) {
        throw e;
      }
      throw rejectedAt(name, inFile);
    }
  }

  /** Sorts what the stack refused while building one environment into {@code mistakes}. */
  void sort(Loaded<P> loaded, IllegalArgumentException e, Mistakes mistakes) {
    String name = loaded.environment();
    if (!(e instanceof InvalidPropException invalid)) {
      mistakes.ofTheCode(name, e.getMessage() + where(e));
      return;
    }
    InvalidPropException inFile = inFile(invalid, loaded.props());
    if (inFile != null) {
      mistakes.rejected(rejectedAt(name, inFile));
    } else {
      String hint = invalid.hint().isEmpty() ? "" : "; " + invalid.hint();
      mistakes.ofTheCode(name, invalid.getMessage() + hint + where(invalid));
    }
  }

  /**
   * A value of the environment file the stack refused when it was defined (an {@link
   * InvalidPropException} from the model), as a problem at its line in that file: bad input, like
   * every other problem the file has.
   */
  EnvironmentException rejectedAt(String name, InvalidPropException e) {
    return EnvironmentLoader.rejected(
        environments.display(name), environments.contentOrNull(name), List.of(e));
  }

  /**
   * A rejection of a value of the environment file, at its key path in the file; {@code null} for
   * one of the stack's code. A value of a props record the file holds ({@link
   * InvalidPropException#owner()}, such as the {@code NginxProps} an edge was made from) is at that
   * record's path, whatever the stack named it ({@code edge.replicas}); any other at its own key,
   * if that is a key of the file.
   */
  private InvalidPropException inFile(InvalidPropException e, P props) {
    InvalidPropException located =
        e.section() != null
            ? PropsPaths.locateMissing(e, props)
            : e.owner() == null ? null : PropsPaths.of(props).locate(e);
    if (located != null) {
      return located;
    }
    return isFileKey(e.key()) ? e : null;
  }

  /**
   * Whether a rejected key path can be a value of the environment file: its first key is a
   * component of the props record. A key of the stack's code (a route table, say) is the code's
   * fault, reported as a failed stack rather than at line 1 of the file.
   */
  private boolean isFileKey(String key) {
    if (key == null) {
      return false;
    }
    String first = key.split("[.\\[]", 2)[0];
    for (RecordComponent component : definition.propsType().getRecordComponents()) {
      if (component.getName().equals(first)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Where in the stack's own code a mistake was made: the first line of its definition's class (or
   * of a class nested in it) on the way to the exception, such as {@code (at TeamStack.java:57)};
   * empty when the stack's code is not on the way (a value of the file).
   */
  private String where(RuntimeException e) {
    StackTraceElement frame = StackCode.firstFrame(definition, e);
    return frame == null ? "" : " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
  }
}
