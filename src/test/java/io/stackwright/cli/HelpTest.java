package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command answers {@code --help} with its usage: a usage error ends with "run with --help",
 * so {@code --help} must work before the command's required options and parameters are given.
 */
class HelpTest {
  @ParameterizedTest
  @CsvSource({
    "synth, --env=<env>",
    "diff, --env=<env>",
    "init, <folder>",
    "install-validators, --project-dir"
  })
  void everyCommandPrintsItsUsageAndExitsZero(String command, String option) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            new String[] {command, "--help"},
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            name -> null);

    assertThat(err.toString()).isEmpty();
    assertThat(code).isEqualTo(Main.OK);
    assertThat(out.toString()).contains("Usage: stackwright " + command).contains(option);
  }
}
