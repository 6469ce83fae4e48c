package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.ImageRef;
import io.stackwright.services.DevTools;
import io.stackwright.services.HttpService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresProps;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug is said as a bug, with its own exit code and its trace, and never as a problem of the
 * input; a mistake the stack's code makes, which Stackwright names, stays a failed check (exit 1).
 */
class BugsTest {
  @TempDir Path project;

  /**
   * The settings.
   *
   * @param image the API's image
   */
  public record Settings(ImageRef image) {}

  /** What the stack's code does wrong. */
  enum Wrong {
    NULL_POINTER,
    ILLEGAL_STATE,
    KERNEL_CALL,
    ONLY_IN_PROD,
    DEV_TOOLS
  }

  /** A stack whose {@code define} goes wrong as the test asks, after adding one service. */
  public static final class Shop implements StackDefinition<Settings> {
    private final Wrong wrong;

    Shop(Wrong wrong) {
      this.wrong = wrong;
    }

    @Override
    public String name() {
      return "shop";
    }

    @Override
    public void define(Stack stack, Settings settings) {
      HttpService.builder("api").props(HttpServiceProps.of(settings.image())).addTo(stack);
      Map<String, String> none = null;
      switch (wrong) {
        case NULL_POINTER -> none.get("x");
        case ILLEGAL_STATE -> throw new IllegalStateException("a state the code never expected");
        case KERNEL_CALL -> org.cdk8s.Duration.parse("not a duration");
        case ONLY_IN_PROD -> {
          if (!stack.development()) {
            throw new ArithmeticException("only prod's code path divides by zero");
          }
        }
        case DEV_TOOLS -> DevTools.databaseUi(stack, new Postgres(stack, PostgresProps.defaults()));
      }
    }
  }

  private CliRun synth(String env, Wrong wrong) throws IOException {
    Files.createDirectories(project.resolve("environments"));
    for (String name : new String[] {"dev", "prod"}) {
      Files.writeString(
          project.resolve("environments/" + name + ".yaml"), "image: ghcr.io/acme/api:1.0.0\n");
    }
    return CliRun.synth(new Shop(wrong), project, env);
  }

  @Test
  void aNullPointerInTheStacksCodeIsItsBugWithTheLineAndTheTrace() throws IOException {
    CliRun run = synth("dev", Wrong.NULL_POINTER);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.BUG);
    assertThat(run.err())
        .containsPattern("a bug in the stack's code \\(at BugsTest\\.java:\\d+\\)")
        .contains("java.lang.NullPointerException")
        .contains("\tat io.stackwright.cli.BugsTest$Shop.define")
        .contains("nothing was written")
        .doesNotContain("internal error");
    assertThat(project.resolve("dist/dev")).doesNotExist();
  }

  @Test
  void anIllegalStateIsABugNotAFailedCheck() throws IOException {
    CliRun run = synth("dev", Wrong.ILLEGAL_STATE);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.BUG);
    assertThat(run.err())
        .contains("a bug in the stack's code")
        .contains("java.lang.IllegalStateException: a state the code never expected")
        .contains("\tat ")
        .doesNotContain("validation failed");
  }

  @Test
  void anErrorOfTheJsiiKernelIsABugWithTheCodeThatCalledIt() throws IOException {
    CliRun run = synth("dev", Wrong.KERNEL_CALL);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.BUG);
    assertThat(run.err())
        .containsPattern(
            "a bug in Stackwright or in the stack's code \\(which called it at"
                + " BugsTest\\.java:\\d+\\)")
        .contains("Not a valid ISO duration")
        .contains("\tat software.amazon.jsii.");
  }

  @Test
  void aBugInAnotherEnvironmentIsNotSwallowed() throws IOException {
    CliRun run = synth("dev", Wrong.ONLY_IN_PROD);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.BUG);
    assertThat(run.err()).contains("java.lang.ArithmeticException: only prod's code path");
    assertThat(project.resolve("dist")).doesNotExist();
  }

  @Test
  void developmentToolsOutsideDevelopmentStayTheStacksMistakeWithItsLine() throws IOException {
    CliRun run = synth("prod", Wrong.DEV_TOOLS);

    assertThat(run.code()).as(run.err()).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(run.err())
        .contains("prod: database-ui and redis-ui, the development tools, belong to development")
        .containsPattern("\\(at BugsTest\\.java:\\d+\\)")
        .doesNotContain("bug")
        .doesNotContain("\tat ");
  }
}
