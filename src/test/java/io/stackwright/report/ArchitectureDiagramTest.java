package io.stackwright.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.env.EnvironmentLoader;
import io.stackwright.model.StackModel;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ArchitectureDiagramTest {
  private static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  static StackModel stack(String environment) throws Exception {
    ShopEnvironment props =
        new EnvironmentLoader(name -> null)
            .load(PROJECT.resolve("environments/" + environment + ".yaml"), ShopEnvironment.class);
    return new ShopStack().model(environment, props);
  }

  @Test
  void showsServicesDependenciesExposureScrapingAndJobs() throws Exception {
    String diagram = ArchitectureDiagram.markdown(stack("prod"));

    assertThat(diagram)
        .startsWith("# Architecture: prod\n")
        .contains("```mermaid\nflowchart LR\n")
        .contains("  postgres[(\"postgres<br/>StatefulSet\")]\n")
        .contains("  backend[\"backend<br/>Deployment\"]\n")
        .contains("  ingress_nginx((\"https://shop.example.com<br/>Ingress\"))\n")
        .contains("  ingress_nginx --> nginx\n")
        .contains("  host_nginx --> nginx\n")
        .contains("  nginx --> backend\n  nginx --> frontend\n")
        .contains("  backend --> postgres\n  backend --> redis\n")
        .contains("  postgres_backup --> postgres\n")
        .contains("  prometheus -. \"/metrics\" .-> backend\n")
        .doesNotContain("compose_only")
        .endsWith("```\n");
  }

  @Test
  void developmentToolsAreAComposeOnlyGroup() throws Exception {
    String diagram = ArchitectureDiagram.markdown(stack("dev"));

    assertThat(diagram)
        .contains("  subgraph compose_only[\"Compose only, profile devtools\"]\n")
        .contains("    database_ui[\"database-ui<br/>Compose service\"]\n")
        .contains("  database_ui --> postgres\n")
        .doesNotContain("Ingress");
  }

  @Test
  void theDiagramShowsStructureOnlySoSizesAndImagesDoNotChangeIt() throws Exception {
    String diagram = ArchitectureDiagram.markdown(stack("prod"));

    assertThat(diagram).doesNotContain("1.4.2", "Gi", "replicas");
    assertThat(ArchitectureDiagram.markdown(stack("prod"))).isEqualTo(diagram);
  }
}
