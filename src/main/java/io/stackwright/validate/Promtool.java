package io.stackwright.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The promtool layer: {@code promtool check config} of the image's Prometheus version on a
 * generated {@code prometheus.yml}, the Kubernetes ConfigMap's and the Compose one alike. It loads
 * the file as the server does (every scrape configuration, service discovery and relabelling rule)
 * and checks the files it names. The file runs unchanged.
 */
final class Promtool {
  private final Path promtool;

  Promtool(Path promtool) {
    this.promtool = promtool;
  }

  /**
   * Checks one file.
   *
   * @param scratch an empty folder of its own
   * @throws ToolRun.ToolFailure when promtool cannot be run, or fails without saying why
   */
  List<Finding> check(GeneratedConfig config, Path scratch) throws ToolRun.ToolFailure {
    Path file = scratch.resolve("prometheus.yml");
    try {
      Files.writeString(file, config.content());
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot write prometheus.yml for promtool: " + e.getMessage());
    }
    ToolRun run =
        ToolRun.run(
            List.of(promtool.toString(), "check", "config", file.toString()),
            scratch,
            null,
            scratch);
    if (run.exitCode() == 0) {
      return List.of();
    }
    // Each complaint is a FAILED: line, then its details (such as YAML errors) one a line.
    List<StringBuilder> complaints = new ArrayList<>();
    String output = (run.stderr() + "\n" + run.stdout()).replace(file.toString(), config.file());
    for (String line : output.split("\n")) {
      String text = line.strip();
      if (text.startsWith("FAILED:")) {
        complaints.add(new StringBuilder(text.substring("FAILED:".length()).strip()));
      } else if (!complaints.isEmpty() && !text.isEmpty() && !text.startsWith("Checking ")) {
        complaints.get(complaints.size() - 1).append("; ").append(text);
      }
    }
    List<Finding> findings = new ArrayList<>();
    complaints.forEach(
        c -> findings.add(config.finding(Layer.PROMTOOL, "promtool check config: " + c)));
    if (run.exitCode() != 1 || findings.isEmpty()) {
      throw new ToolRun.ToolFailure(
          "promtool exited with code " + run.exitCode() + ": " + output.strip());
    }
    return findings;
  }
}
