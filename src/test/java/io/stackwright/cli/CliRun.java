package io.stackwright.cli;

import io.stackwright.shop.ShopStack;
import io.stackwright.stack.StackDefinition;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The command line run in this JVM, as the tests run it, and what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int code, String out, String err) {

  /**
   * Runs the shop's command line, no variables set.
   *
   * @param args the arguments
   * @return what it printed
   */
  public static CliRun of(String... args) {
    return of(new ShopStack(), name -> null, args);
  }

  /**
   * Runs a stack's command line, no variables set.
   *
   * @param definition the stack
   * @param args the arguments
   * @return what it printed
   */
  public static CliRun of(StackDefinition<?> definition, String... args) {
    return of(definition, name -> null, args);
  }

  /**
   * Runs a stack's command line.
   *
   * @param definition the stack
   * @param variables the variables environment files see
   * @param args the arguments
   * @return what it printed
   */
  public static CliRun of(
      StackDefinition<?> definition, Function<String, String> variables, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            definition, args, new PrintWriter(out, true), new PrintWriter(err, true), variables);
    return new CliRun(code, out.toString(), err.toString());
  }

  /**
   * A synth of a project's environment, or of {@code all}, no variables set.
   *
   * @param definition the stack
   * @param project the folder holding {@code environments/}
   * @param env the environment, or {@code all}
   * @return what it printed
   */
  public static CliRun synth(StackDefinition<?> definition, Path project, String env) {
    return of(definition, "synth", "--env", env, "--project-dir", project.toString());
  }
}
