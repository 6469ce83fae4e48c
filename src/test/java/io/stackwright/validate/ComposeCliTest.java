package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * How a failure of the Compose CLI is read. The messages are those of the Compose CLI v5.5.1 on
 * crafted files, with the file's path as the report names it.
 */
class ComposeCliTest {
  private static final String FILE = "compose/compose.yaml";

  @Test
  void itsComplaintsAboutAFileAreAReport() {
    for (String output :
        new String[] {
          "validating compose/compose.yaml: services.x additional properties 'restart_policy' not"
              + " allowed",
          "validating compose/compose.yaml: services.x.ports must be a array",
          "error while interpolating services.x.image: required variable FOO is missing a value:"
              + " need foo",
          "failed to parse compose/compose.yaml: yaml: construct errors: line 1: line 4: mapping"
              + " key \"x\" already defined at line 2",
          "go-yaml load error in parser (while parsing a flow node) at L3.C1: did not find"
              + " expected node content",
          "service \"x\" refers to undefined secret s: invalid compose project",
          "decoding failed due to the following error(s):\n\n"
              + "'services[x].deploy.resources.limits.memory' invalid size: 'lots'",
        }) {
      assertThat(ComposeCli.isReport(1, output, FILE)).as(output).isTrue();
    }
  }

  @Test
  void aCrashOrAWrongCallIsNotAReport() {
    assertThat(ComposeCli.isReport(2, "validating compose/compose.yaml: services.x bad", FILE))
        .isFalse();
    assertThat(ComposeCli.isReport(137, "", FILE)).isFalse();
    assertThat(ComposeCli.isReport(1, "unknown flag: --bogus-flag", FILE)).isFalse();
    assertThat(
            ComposeCli.isReport(
                1,
                "error while interpolating services.x.image: oops\n"
                    + "panic: runtime error: index out of range\n\ngoroutine 1 [running]:",
                FILE))
        .isFalse();
    assertThat(ComposeCli.isReport(1, "not a report", FILE)).isFalse();
    assertThat(ComposeCli.isReport(1, "", FILE)).isFalse();
  }
}
