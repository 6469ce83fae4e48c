package io.stackwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.shop.ShopStack;
import io.stackwright.synth.Synthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentComparisonTest {
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  @TempDir Path project;

  @Test
  void oneColumnPerEnvironmentOneRowPerSettingAndEveryWaiver() throws Exception {
    Files.createDirectories(project.resolve("environments"));
    Files.copy(PROJECT.resolve("environments/dev.yaml"), project.resolve("environments/dev.yaml"));
    Files.writeString(
        project.resolve("environments/qa.yaml"),
        Files.readString(PROJECT.resolve("environments/staging.yaml"))
            + "waivers:\n"
            + "  - rule: probes\n"
            + "    object: Deployment/backend\n"
            + "    reason: a | b\n");

    String md = new Synthesizer<>(new ShopStack(), project, name -> null).environmentComparison();

    assertThat(md)
        .startsWith("# Environments\n")
        .contains(
            "## Stack\n\n| | dev | qa |\n|---|---|---|\n| namespace | `shop-dev` | `shop-qa` |\n")
        .contains(
            "| dev tools | database-ui (Compose, profile devtools); redis-ui (Compose, profile"
                + " devtools) | — |\n")
        .contains("| waivers | — | `probes` on Deployment/backend: a \\| b |\n")
        .contains("## backend\n")
        .contains("| replicas | 1 | 2 |\n")
        .contains("| scheduled jobs | — | backup at `0 3 * * *`, kept 3 days, 20Gi |\n")
        .contains(
            "| exposure | Compose: 127.0.0.1:8080 | https://staging.shop.example.com (TLS:"
                + " shop-staging-tls); Compose: 127.0.0.1:8080 |\n");
    List<String> rows = md.lines().filter(line -> line.startsWith("|")).toList();
    assertThat(rows)
        .as("every row has a cell per environment: a | in a value is escaped")
        .allMatch(row -> row.replace("\\|", "").chars().filter(c -> c == '|').count() == 4);
  }

  @Test
  void aSynthOfOneEnvironmentKeepsTheOtherColumnsAsDistHasThem() throws Exception {
    Files.createDirectories(project.resolve("environments"));
    for (String name : List.of("dev", "staging")) {
      Files.copy(
          PROJECT.resolve("environments/" + name + ".yaml"),
          project.resolve("environments/" + name + ".yaml"));
    }
    Files.createDirectories(project.resolve("dist"));
    Files.writeString(
        project.resolve("dist/ENVIRONMENTS.md"),
        new Synthesizer<>(new ShopStack(), project, name -> null).environmentComparison());

    // CI synthesizes staging with a new tag; dist/dev/ still holds the default one.
    String md =
        new Synthesizer<>(
                new ShopStack(), project, name -> name.equals("BACKEND_TAG") ? "9.9.9" : null)
            .synthesize(List.of("staging"))
            .environmentComparison();

    assertThat(md)
        .contains("| image | `ghcr.io/acme/shop-api:1.4.2` | `ghcr.io/acme/shop-api:9.9.9` |\n");
  }

  @Test
  void keptCellsAreReadBackWithTheirEscapesAndOnlyForTheEnvironmentsKept() {
    String previous =
        "## Stack\n\n| | dev | qa |\n|---|---|---|\n| waivers | a \\| b \\\\ | old qa |\n";
    String fresh =
        "## Stack\n\n| | dev | qa |\n|---|---|---|\n| waivers | new dev | new qa |\n"
            + "| namespace | `x-dev` | `x-qa` |\n";

    assertThat(EnvironmentComparison.keepColumns(fresh, previous, java.util.Set.of("dev")))
        .isEqualTo(
            "## Stack\n\n| | dev | qa |\n|---|---|---|\n| waivers | a \\| b \\\\ | new qa |\n"
                + "| namespace | `x-dev` | `x-qa` |\n");
  }

  @Test
  void aDamagedOrCrlfPreviousReportIsReadAsFarAsItGoes() {
    String fresh = "## Stack\n\n| | dev | qa |\n|---|---|---|\n| namespace | `x-dev` | `x-qa` |\n";
    String damaged =
        "## Stack\r\n\r\n| | dev | qa |\r\n|---|---|---|\r\n| namespace | `old-dev` | `old-qa` |\r\n"
            + "| |\n| \n|\n| x |\n";

    assertThat(EnvironmentComparison.keepColumns(fresh, damaged, java.util.Set.of("qa")))
        .isEqualTo(
            "## Stack\n\n| | dev | qa |\n|---|---|---|\n| namespace | `x-dev` | `old-qa` |\n");
  }
}
