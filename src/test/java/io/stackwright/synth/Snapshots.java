package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.DistDiff;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.stack.StackDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The checks of a committed {@code dist/} against a fresh synth, shared by the flagship's snapshot
 * and the example stack's: a failure names what is stale, shows the diff and gives the command that
 * refreshes it.
 *
 * @param definition the stack
 * @param project the folder holding its {@code environments/} and {@code dist/}
 * @param shown how a failure names {@code dist/} (e.g. {@code examples/tasks/dist})
 * @param refresh the command that refreshes it
 */
public record Snapshots(StackDefinition<?> definition, Path project, String shown, String refresh) {

  /** The environment names of the project, in order. */
  public List<String> environments() {
    return new Environments(project).names();
  }

  /** Checks that {@code dist/} holds a folder for every environment and no other. */
  public void assertAFolderPerEnvironment() throws IOException {
    List<String> folders;
    try (Stream<Path> entries = Files.list(project.resolve("dist"))) {
      folders =
          entries
              .filter(Files::isDirectory)
              .map(p -> p.getFileName().toString())
              .filter(name -> !name.startsWith("."))
              .sorted()
              .toList();
    }

    assertThat(folders)
        .withFailMessage(
            "%s holds %s but environments/ defines %s; refresh it with: %s",
            shown, folders, environments(), refresh)
        .isEqualTo(environments());
  }

  /** Checks the committed environment comparison against one made now. */
  public void assertComparisonIsCurrent() throws Exception {
    String fresh = new Synthesizer<>(definition, project, name -> null).environmentComparison();
    Path committed = project.resolve("dist").resolve(EnvironmentComparison.FILE);
    String before = Files.isRegularFile(committed) ? Files.readString(committed) : "";
    String file = shown + "/" + EnvironmentComparison.FILE;

    assertThat(before)
        .withFailMessage(
            () ->
                file
                    + " is stale:\n"
                    + DistDiff.unified("a/" + file, "b/" + file, before, fresh)
                    + stale())
        .isEqualTo(fresh);
  }

  /** Checks one environment's committed folder against a fresh synth. */
  public void assertEnvironmentIsCurrent(String environment) throws Exception {
    SynthOutput output =
        new Synthesizer<>(definition, project, name -> null)
            .renderWithoutGate(List.of(environment))
            .get(0);
    List<DistDiff.FileChange> changes =
        DistDiff.compare(output, project.resolve("dist").resolve(environment));

    assertThat(changes)
        .withFailMessage(
            () ->
                shown
                    + "/"
                    + environment
                    + "/ is stale: "
                    + changes.size()
                    + " file(s) differ from a fresh synth.\n"
                    + changes.stream()
                        .map(c -> c.kind() + " " + c.path() + "\n" + c.diff())
                        .collect(Collectors.joining("\n"))
                    + stale())
        .isEmpty();
  }

  private String stale() {
    return "\nIf the change is intended, refresh it with:\n    "
        + refresh
        + "\nand commit it with the change that caused it.";
  }
}
