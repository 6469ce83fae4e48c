package io.stackwright.run;

import io.stackwright.stack.StackDefinition;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * What a synth or a diff is asked to do.
 *
 * @param definition the stack
 * @param projectDir the folder holding {@code environments/} and {@code dist/}
 * @param env an environment's name, or {@code all}
 * @param validate the validation mode as given: {@code auto} or {@code strict}
 * @param rebuild whether a synth renders and checks an environment whose inputs did not change
 * @param variables lookup for {@code ${VAR}} in environment files; {@code null} when unset
 */
public record Options(
    StackDefinition<?> definition,
    Path projectDir,
    String env,
    String validate,
    boolean rebuild,
    Function<String, String> variables) {

  /** {@return the project's {@code dist/}} */
  public Path dist() {
    return projectDir.resolve("dist");
  }
}
