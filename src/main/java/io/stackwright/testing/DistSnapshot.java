package io.stackwright.testing;

import io.stackwright.cli.Main;
import io.stackwright.stack.StackDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Function;

/**
 * The snapshot test of a stack of one's own: its committed {@code dist/} is exactly what a synth of
 * every environment writes now, and passes the validation gate. It runs the command line's {@code
 * diff --env all}, which writes nothing, so a failure shows the diff of every stale file and every
 * finding of the gate; the fix is the synth command it names, then a commit of {@code dist/}.
 *
 * <p>Environment files are read with no variables set but {@code PATH} and {@code XDG_CACHE_HOME}
 * (which find the tools), so that {@code dist/} holds their defaults ({@code ${TAG:-1.0.0}} is
 * {@code 1.0.0}), as the synth a review reads should. The validation mode is the system property
 * {@code stackwright.validate}: {@code strict} (the default: every layer must run) or {@code auto}
 * (a layer whose tool is missing is skipped).
 */
public final class DistSnapshot {
  /** The variables the tools are found with; environment files see only these. */
  private static final Set<String> TOOL_VARIABLES = Set.of("PATH", "XDG_CACHE_HOME");

  private DistSnapshot() {}

  /** What to do, by what went wrong: only a stale dist/ is fixed by a synth. */
  private static String fix(int code, String out) {
    if (code == Main.BAD_INPUT) {
      return "An environment file (or the command) is bad input: fix what is named above.";
    }
    if (code == Main.BUG) {
      return "A bug stopped the diff: the report above says whose, with its trace.";
    }
    if (out.contains("diff: a synth would change")) {
      return "If the change is intended, synthesize it with mvn -q compile exec:java -Denv=all and"
          + " commit dist/ with the change that caused it.";
    }
    return "The stack fails a check, or a validation tool is missing: fix what is named above (a"
        + " missing tool: mvn -q exec:exec@install-validators).";
  }

  /**
   * Checks the project in the current folder (Maven runs tests in the project's).
   *
   * @param definition the stack
   * @throws AssertionError with the diff and the findings, when {@code dist/} is stale or fails a
   *     check
   */
  public static void assertCurrent(StackDefinition<?> definition) {
    assertCurrent(definition, Path.of(""));
  }

  /**
   * Checks a project.
   *
   * @param definition the stack
   * @param project the folder holding {@code environments/} and {@code dist/}
   * @throws AssertionError with the diff and the findings, when {@code dist/} is stale or fails a
   *     check
   */
  public static void assertCurrent(StackDefinition<?> definition, Path project) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Function<String, String> variables =
        name -> TOOL_VARIABLES.contains(name) ? System.getenv(name) : null;
    String[] args = {
      "diff",
      "--env",
      "all",
      "--validate",
      System.getProperty("stackwright.validate", "strict"),
      "--project-dir",
      project.toString().isEmpty() ? "." : project.toString()
    };
    if (!Files.isDirectory(project.resolve("dist"))) {
      throw new AssertionError(
          "dist/ is missing: synthesize it with mvn -q compile exec:java -Denv=all and commit it");
    }
    int code = Main.run(definition, args, new PrintWriter(out), new PrintWriter(err), variables);
    if (code != Main.OK) {
      throw new AssertionError(
          "dist/ is stale, or the stack fails a check (exit code "
              + code
              + "):\n"
              + err
              + out
              + "\n"
              + fix(code, out.toString()));
    }
  }
}
