package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.synth.Synthesizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate check begun before the render: the Compose CLI starts on the Compose files as soon as they
 * are rendered, and the gate takes its findings only for exactly the files it is then given.
 */
class GateCheckTest {

  /**
   * The installed Compose CLI behind a script that logs each run in {@code log}: {@code run} as it
   * starts, {@code end} a while after it is done.
   */
  private static Tools counting(Path folder, Path log) throws IOException {
    Tools installed = InstalledTools.require();
    String words =
        installed.compose().stream()
            .map(w -> "'" + w.replace("'", "'\\''") + "'")
            .collect(Collectors.joining(" "));
    Path script = folder.resolve("compose");
    // "end" is written a while after the CLI is done, so that a check that did not wait for the
    // run would not find it.
    Files.writeString(
        script,
        "#!/bin/sh\necho run >> '"
            + log
            + "'\n"
            + words
            + " \"$@\"\nrc=$?\nsleep 0.3\necho end >> '"
            + log
            + "'\nexit $rc\n");
    script.toFile().setExecutable(true);
    return new Tools(installed.kubeconform(), installed.schemas(), List.of(script.toString()));
  }

  private static long runs(Path log) throws IOException {
    return Files.exists(log) ? Files.readAllLines(log).stream().filter("run"::equals).count() : 0;
  }

  private static Map<String, String> composeFiles(SynthOutput output) {
    Map<String, String> files = new LinkedHashMap<>();
    output.files().keySet().stream()
        .filter(path -> path.startsWith("compose/"))
        .forEach(path -> files.put(path, output.text(path)));
    return files;
  }

  @Test
  void theComposeCheckBegunWhileRenderingIsTheGatesWhenTheFilesAreTheSame(@TempDir Path folder)
      throws IOException {
    Path log = folder.resolve("log");
    StackModel stack = ValidationGateTest.stack(s -> {});
    ValidationGate gate = new ValidationGate(counting(folder, log), ValidationMode.STRICT);

    ValidationReport report;
    try (GateCheck check = gate.begin()) {
      SynthOutput rendered = Synthesizer.render(stack, check);
      report = check.finish(List.of(ValidationGateTest.subject(stack, List.of(), rendered)));
    }

    assertThat(report.passed()).as(String.join("\n", report.failureLines())).isTrue();
    assertThat(report.ran()).contains(Layer.COMPOSE);
    assertThat(runs(log)).isEqualTo(1);
  }

  @Test
  void aComposeFileThatChangedSinceIsCheckedAgain(@TempDir Path folder) throws IOException {
    Path log = folder.resolve("log");
    StackModel stack = ValidationGateTest.stack(s -> {});
    SynthOutput rendered = Synthesizer.render(stack);
    String compose = rendered.text("compose/compose.yaml");
    SynthOutput changed =
        ValidationGateTest.copy(
            rendered,
            "compose/compose.yaml",
            compose.replace(
                "    read_only: true\n", "    read_only: true\n    restart_policy: always\n"));
    ValidationGate gate = new ValidationGate(counting(folder, log), ValidationMode.STRICT);

    ValidationReport report;
    try (GateCheck check = gate.begin()) {
      check.composeRendered(stack.environment(), composeFiles(rendered));
      report = check.finish(List.of(ValidationGateTest.subject(stack, List.of(), changed)));
    }

    assertThat(report.passed()).isFalse();
    assertThat(report.failureLines())
        .anyMatch(l -> l.contains("services.web.restart_policy: unknown key restart_policy"));
    assertThat(runs(log)).isEqualTo(2);
  }

  @Test
  void aCheckClosedUnfinishedWaitsForItsToolsAndLeavesNoScratchFolder(@TempDir Path folder)
      throws IOException {
    Path log = folder.resolve("log");
    StackModel stack = ValidationGateTest.stack(s -> {});
    SynthOutput rendered = Synthesizer.render(stack);
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = ValidationGateTest.scratchFolders(temp);
    ValidationGate gate = new ValidationGate(counting(folder, log), ValidationMode.STRICT);

    // As when the synth fails on a later environment, before the gate.
    try (GateCheck check = gate.begin()) {
      check.composeRendered(stack.environment(), composeFiles(rendered));
    }

    assertThat(runs(log)).isEqualTo(1);
    assertThat(Files.readAllLines(log)).containsExactly("run", "end");
    assertThat(ValidationGateTest.scratchFolders(temp)).isEqualTo(before);
  }

  @Test
  void aGateWithoutToolsStartsNothingEarly() {
    StackModel stack = ValidationGateTest.stack(s -> {});
    try (GateCheck check = ValidationGate.policyOnly().begin()) {
      SynthOutput rendered = Synthesizer.render(stack, check);
      ValidationReport report =
          check.finish(List.of(ValidationGateTest.subject(stack, List.of(), rendered)));

      assertThat(report.passed()).isTrue();
      assertThat(report.ran()).doesNotContain(Layer.COMPOSE);
    }
  }

  @Test
  void aCheckFinishesOnce() {
    StackModel stack = ValidationGateTest.stack(s -> {});
    List<Subject> subjects = List.of(ValidationGateTest.subject(stack, List.of()));
    try (GateCheck check = ValidationGate.policyOnly().begin()) {
      check.finish(subjects);

      assertThatThrownBy(() -> check.finish(subjects))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this gate check is finished already");
    }
  }
}
