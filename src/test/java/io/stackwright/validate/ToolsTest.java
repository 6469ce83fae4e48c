package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a synth looks for the validation tools: a -D property, then the project's .tools/, then the
 * user's tools folder, then PATH.
 */
class ToolsTest {
  @TempDir Path project;

  private Path executable(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  private Path schemas(Path folder) throws IOException {
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("namespace-v1.json"), "{}");
    return folder;
  }

  @Test
  void nothingInstalledMeansEveryToolLayerIsMissingWithHowToInstall() {
    Tools tools = Tools.locate(project, name -> null, name -> null);

    assertThat(tools.kubeconformMissing()).contains("kubeconform not found").contains("install");
    assertThat(tools.composeMissing()).contains("Compose CLI was not found").contains("install");
  }

  @Test
  void theProjectsToolsFolderIsFound() throws IOException {
    Path kubeconform = executable(project.resolve(".tools/bin/kubeconform"));
    Path compose = executable(project.resolve(".tools/bin/docker-compose"));
    Path schemas = schemas(project.resolve(".tools/kubernetes-json-schema/" + Tools.SCHEMA_SET));

    Tools tools = Tools.locate(project, name -> null, name -> null);

    assertThat(tools.kubeconform()).isEqualTo(kubeconform);
    assertThat(tools.schemas()).isEqualTo(schemas);
    assertThat(tools.compose()).containsExactly(compose.toString());
    assertThat(tools.kubeconformMissing()).isNull();
    assertThat(tools.composeMissing()).isNull();
  }

  @Test
  void aToolsFolderElsewhereIsNamedByAProperty(@TempDir Path build) throws IOException {
    Path kubeconform = executable(build.resolve(".tools/bin/kubeconform"));
    Map<String, String> properties =
        Map.of("stackwright.tools", build.resolve(".tools").toString());

    Tools tools = Tools.locate(project, properties::get, name -> null);

    assertThat(tools.kubeconform()).isEqualTo(kubeconform);
  }

  @Test
  void propertiesComeFirstThenTheToolsFolderThenPath() throws IOException {
    executable(project.resolve(".tools/bin/kubeconform"));
    Path onPath = executable(project.resolve("path/docker-compose"));
    Path given = executable(project.resolve("elsewhere/kubeconform"));
    Map<String, String> properties = Map.of("stackwright.kubeconform", given.toString());

    Tools tools =
        Tools.locate(
            project, properties::get, Map.of("PATH", project.resolve("path").toString())::get);

    assertThat(tools.kubeconform()).isEqualTo(given);
    assertThat(tools.compose()).isEqualTo(List.of(onPath.toString()));
    assertThat(tools.kubeconformMissing()).contains("schemas were not found");
  }

  @Test
  void aProjectWithoutToolsOfItsOwnUsesTheUsersToolsFolder(@TempDir Path home) throws IOException {
    Path kubeconform = executable(home.resolve(".cache/stackwright/tools/bin/kubeconform"));
    Map<String, String> properties = Map.of("user.home", home.toString());

    Tools tools = Tools.locate(project, properties::get, name -> null);

    assertThat(Tools.folder(project, properties::get, name -> null))
        .isEqualTo(home.resolve(".cache/stackwright/tools"));
    assertThat(tools.kubeconform()).isEqualTo(kubeconform);
  }

  @Test
  void xdgCacheHomeMovesTheUsersToolsFolderUnlessItIsRelative(@TempDir Path cache) {
    Map<String, String> properties = Map.of("user.home", "/home/someone");

    assertThat(
            Tools.folder(project, properties::get, Map.of("XDG_CACHE_HOME", cache.toString())::get))
        .isEqualTo(cache.resolve("stackwright/tools"));
    assertThat(Tools.folder(project, properties::get, Map.of("XDG_CACHE_HOME", "relative")::get))
        .isEqualTo(Path.of("/home/someone/.cache/stackwright/tools"));
  }

  @Test
  void rootsToolsFolderIsOneThatPostgresqlRunningAsNobodyCanEnter() {
    Map<String, String> properties = Map.of("user.home", "/root", "user.name", "root");

    assertThat(Tools.folder(project, properties::get, name -> null))
        .isEqualTo(Path.of("/var/cache/stackwright/tools"));
  }

  @Test
  void theProjectsOwnToolsFolderComesBeforeTheUsers(@TempDir Path home) throws IOException {
    Files.createDirectories(project.resolve(".tools"));
    executable(home.resolve(".cache/stackwright/tools/bin/kubeconform"));

    Tools tools = Tools.locate(project, Map.of("user.home", home.toString())::get, name -> null);

    assertThat(tools.kubeconform()).isNull();
  }

  @Test
  void validationModes() {
    assertThat(ValidationMode.parse("strict")).isEqualTo(ValidationMode.STRICT);
    assertThat(ValidationMode.parse("auto")).isEqualTo(ValidationMode.AUTO);
    assertThat(ValidationMode.parse("")).isEqualTo(ValidationMode.AUTO);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidationMode.parse("lenient"))
        .hasMessageContaining("-Dvalidate=strict");
  }
}
