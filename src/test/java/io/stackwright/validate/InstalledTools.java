package io.stackwright.validate;

import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;

/**
 * The validation tools of the project under test, for tests that run them for real. Where they are
 * missing such a test fails, since {@code mvn test} installs them and proves every layer through
 * the real tool; with {@code -Dvalidate.tests=auto} (and not {@code CI=true}) it is skipped.
 */
public final class InstalledTools {
  /** The project under test. */
  public static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  private InstalledTools() {}

  /** Whether missing tools fail tests rather than skip them. */
  public static boolean strict() {
    return "strict".equals(System.getProperty("stackwright.validate"))
        || "true".equals(System.getenv("CI"));
  }

  /** The tools, as a synth in the project finds them. */
  public static Tools locate() {
    return Tools.locate(PROJECT, System::getProperty, System::getenv);
  }

  /** The tools; the calling test is skipped (or fails, when strict) unless every one is there. */
  public static Tools require() {
    Tools tools = locate();
    String missing = tools.kubeconformMissing();
    if (missing == null) {
      missing = tools.composeMissing();
    }
    if (missing != null) {
      if (strict()) {
        fail("validation is strict and " + missing);
      }
      Assumptions.abort(missing);
    }
    return tools;
  }

  /**
   * The real programs; the calling test is skipped (or fails, when strict) unless the ones asked
   * for are there.
   *
   * @param missing each program's "why missing" ({@code Programs::nginxMissing}, ...)
   */
  @SafeVarargs
  public static Programs requirePrograms(Function<Programs, String>... missing) {
    Programs programs = locate().programs();
    for (Function<Programs, String> why : missing) {
      String reason = why.apply(programs);
      if (reason != null) {
        if (strict()) {
          fail("validation is strict and " + reason);
        }
        Assumptions.abort(reason);
      }
    }
    return programs;
  }

  /** Every real program, as {@link #requirePrograms} requires them. */
  public static Programs requireAllPrograms() {
    return requirePrograms(
        Programs::nginxMissing,
        Programs::promtoolMissing,
        Programs::redisMissing,
        Programs::postgresqlMissing);
  }
}
