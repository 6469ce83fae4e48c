package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
    CliRun run = CliRun.of(command, "--help");

    assertThat(run.err()).isEmpty();
    assertThat(run.code()).isEqualTo(Main.OK);
    assertThat(run.out()).contains("Usage: stackwright " + command).contains(option);
  }
}
