package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A real team's stack (examples/team: PostgreSQL with extensions and backups, a Spring Boot API, a
 * single-page app, the edge with two rate limits, Adminer in development, the cluster's Prometheus)
 * takes at most 100 lines of Java and environment YAML together: every line that is neither blank
 * nor a comment, package and imports included.
 */
class TeamExampleSizeTest {
  private static final Path TEAM = InstalledTools.PROJECT.resolve("examples/team");

  @Test
  void theTeamsStackIsAtMostAHundredLines() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> java = Files.walk(TEAM.resolve("src/main/java"));
        Stream<Path> yaml = Files.list(TEAM.resolve("environments"))) {
      java.filter(f -> f.toString().endsWith(".java")).forEach(files::add);
      yaml.filter(f -> f.toString().endsWith(".yaml")).forEach(files::add);
    }
    int lines = 0;
    for (Path file : files) {
      lines += counted(file);
    }

    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    assertThat(lines).as("counted lines of %s", files).isLessThanOrEqualTo(100);
  }

  /** Lines that are neither blank nor comments ({@code //}, {@code /* *}{@code /}, YAML's #). */
  private static int counted(Path file) throws IOException {
    boolean yaml = file.toString().endsWith(".yaml");
    boolean inComment = false;
    int count = 0;
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (inComment) {
        inComment = !line.contains("*/");
        continue;
      }
      if (line.isEmpty() || line.startsWith(yaml ? "#" : "//")) {
        continue;
      }
      if (!yaml && line.startsWith("/*")) {
        inComment = !line.contains("*/");
        continue;
      }
      count++;
    }
    return count;
  }
}
