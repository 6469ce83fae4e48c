package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stackwright.output.Cdk8sCliOutput;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.shop.ShopStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets offered to a synth in every way one could reach it, none of which may end up in
 * {@code dist/}: variables of the process environment, secret files beside the environment files,
 * and secret files someone put into {@code dist/} by hand. Development's generated values are
 * marked as such.
 */
class SecretsTest {
  private static final String CANARY = "canary-7d41e9";

  @TempDir Path project;
  private final Set<String> looked = new TreeSet<>();

  @BeforeEach
  void copyProject() throws IOException {
    MainTest.copyTree(MainTest.PROJECT.resolve("environments"), project.resolve("environments"));
    MainTest.copyTree(MainTest.PROJECT.resolve("dist"), project.resolve("dist"));
  }

  @Test
  void noCanarySecretReachesDistOrTheOutput() throws IOException {
    Files.createDirectories(project.resolve("secrets"));
    Files.writeString(project.resolve("secrets/postgres-password"), CANARY + "-file\n");
    Files.writeString(project.resolve(".env"), "POSTGRES_PASSWORD=" + CANARY + "-dotenv\n");
    for (String env : List.of("staging", "prod")) {
      Path compose = project.resolve("dist").resolve(env).resolve("compose");
      Files.createDirectories(compose.resolve("secrets"));
      Files.writeString(compose.resolve("secrets/postgres-password"), CANARY + "-dropped\n");
      Files.writeString(compose.resolve(".env"), "REDIS_PASSWORD=" + CANARY + "-dropped\n");
    }

    CliRun run =
        CliRun.of(
            new ShopStack(),
            name -> {
              looked.add(name);
              // Every variable is set, to a canary, but the image tags, whose defaults the
              // committed output holds, and the folder a cdk8s CLI run would give.
              return name.endsWith("_TAG") || name.equals(Cdk8sCliOutput.VARIABLE)
                  ? null
                  : CANARY + "-" + name;
            },
            "synth",
            "--env",
            "all",
            "--project-dir",
            project.toString());

    assertThat(run.code()).as("stderr:\n%s", run.err()).isEqualTo(Main.OK);
    SortedMap<String, DistWriter.Bytes> dist = DistInput.read(project.resolve("dist"));
    List<String> leaks = new ArrayList<>();
    dist.forEach(
        (path, content) -> {
          if (content.toString().contains(CANARY)) {
            leaks.add(path);
          }
        });
    assertThat(leaks).as("files of dist/ holding a canary").isEmpty();
    assertThat(run.out() + run.err()).doesNotContain(CANARY);
    assertThat(dist.keySet())
        .as("files put into dist/ by hand are not kept")
        .noneMatch(path -> path.contains("/compose/secrets/") && !path.startsWith("dev/"))
        .noneMatch(path -> path.endsWith("/compose/.env"));
    assertThat(looked)
        .as("variables a synth reads: only those the environment files name, and its own")
        // PATH and XDG_CACHE_HOME find the validation tools.
        .isSubsetOf(
            "BACKEND_TAG", "FRONTEND_TAG", Cdk8sCliOutput.VARIABLE, "PATH", "XDG_CACHE_HOME");
  }

  @Test
  void developmentValuesAreMarkedAndOnlyDevelopmentHasThem() throws IOException {
    SortedMap<String, DistWriter.Bytes> dist = DistInput.read(MainTest.PROJECT.resolve("dist"));
    List<String> values = new ArrayList<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (MappingIterator<JsonNode> secrets =
        yaml.readerFor(JsonNode.class).readValues(dist.get("dev/01-dev-secrets.yaml").toString())) {
      for (JsonNode secret : secrets.readAll()) {
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("data").isMissingNode()).isTrue();
        secret.path("stringData").forEach(value -> values.add(value.asText()));
      }
    }
    dist.forEach(
        (path, content) -> {
          if (path.startsWith("dev/compose/secrets/")) {
            values.add(content.toString());
          }
        });

    assertThat(values)
        .hasSizeGreaterThanOrEqualTo(4)
        .allMatch(v -> v.startsWith("dev-only-not-secret-"));
    for (Map.Entry<String, DistWriter.Bytes> file : dist.entrySet()) {
      if (!file.getKey().startsWith("dev/")) {
        assertThat(file.getValue().toString())
            .as(file.getKey())
            .doesNotContain("dev-only-not-secret")
            .doesNotContain("kind: Secret");
      }
    }
  }
}
