package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/install-validators}, run on a copy of itself in a temporary project whose other
 * tools are marked installed, so that only the step under test runs: it fails saying why.
 */
@DisabledOnOs(OS.WINDOWS)
class InstallValidatorsScriptTest {

  @Test
  void aComposeModuleThatCannotBeDownloadedFailsWithGosReason(@TempDir Path project)
      throws Exception {
    Assumptions.assumeTrue(
        onPath("go") || Files.isExecutable(Path.of("/usr/local/go/bin/go")), "Go is missing");
    copyScript(project);
    markInstalled(project, "kubeconform", "bin/kubeconform", "v0.6.7");
    Map<String, String> environment = new HashMap<>();
    environment.put("GOPROXY", "off");
    environment.put("GOFLAGS", "");
    // An empty module cache, so that the download is really attempted.
    environment.put("GOMODCACHE", project.resolve("machine-cache").toString());

    Result result = run(project, environment);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr())
        .contains("install-validators: cannot download github.com/docker/compose/v5@v5.5.1: ")
        .contains("GOPROXY=off");
  }

  @Test
  void aPythonWithoutPipFailsWithTheScriptsOwnHint(@TempDir Path project) throws Exception {
    copyScript(project);
    markInstalled(project, "kubeconform", "bin/kubeconform", "v0.6.7");
    markInstalled(project, "docker-compose", "bin/docker-compose", "v5.5.1");
    Path bin = Files.createDirectories(project.resolve("fake-bin"));
    Path python = bin.resolve("python3");
    Files.writeString(
        python,
        "#!/bin/sh\nif [ \"$1\" = -m ] && [ \"$2\" = pip ]; then\n"
            + "  echo \"python3: No module named pip\" >&2\n  exit 1\nfi\nexit 0\n");
    python.toFile().setExecutable(true);
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", bin + ":" + System.getenv("PATH"));

    Result result = run(project, environment);

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stderr()).contains("install-validators: pip is missing for " + python);
  }

  @Test
  void aDebianPackageAtAnotherVersionIsSkippedWithAWord(@TempDir Path project) throws Exception {
    copyScript(project);
    markInstalled(project, "kubeconform", "bin/kubeconform", "v0.6.7");
    markInstalled(project, "docker-compose", "bin/docker-compose", "v5.5.1");
    markInstalled(
        project,
        "schemas",
        "kubernetes-json-schema/v1.33.0-local-strict/namespace-v1.json",
        "1.37.0/v1.33.0-local-strict/standalone");
    markInstalled(project, "promtool", "bin/promtool", "3.1.0");
    markInstalled(project, "postgresql", "postgresql/bin/postgres", "16.6.0");
    markInstalled(project, "redis-server", "bin/redis-server", "7.0.15");
    // Debian's nginx moved on: the pinned upstream version is no longer what it offers.
    Path bin = Files.createDirectories(project.resolve("fake-bin"));
    Path aptCache = bin.resolve("apt-cache");
    Files.writeString(aptCache, "#!/bin/sh\necho \"$2:\"\necho '  Candidate: 1.26.0-1'\n");
    aptCache.toFile().setExecutable(true);
    Map<String, String> environment = new HashMap<>();
    environment.put("PATH", bin + ":" + System.getenv("PATH"));

    Result result = run(project, environment);

    assertThat(result.exitCode()).isZero();
    assertThat(result.stderr())
        .contains(
            "install-validators: Debian offers nginx 1.26.0-1, not 1.22.1; the nginx layer will be"
                + " skipped");
    assertThat(project.resolve(".tools/bin/nginx")).doesNotExist();
  }

  private record Result(int exitCode, String stderr) {}

  private static void copyScript(Path project) throws IOException {
    Path script = project.resolve("scripts/install-validators");
    Files.createDirectories(script.getParent());
    Files.copy(InstalledTools.PROJECT.resolve("scripts/install-validators"), script);
    script.toFile().setExecutable(true);
  }

  private static void markInstalled(Path project, String name, String artifact, String version)
      throws IOException {
    Path tools = project.resolve(".tools");
    Files.createDirectories(tools.resolve(artifact).getParent());
    Files.writeString(tools.resolve(artifact), "installed\n");
    Files.createDirectories(tools.resolve("versions"));
    Files.writeString(tools.resolve("versions").resolve(name), version + "\n");
  }

  private static Result run(Path project, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder("bash", project.resolve("scripts/install-validators").toString())
            .directory(project.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(project.resolve("stderr.txt").toFile());
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
      throw new AssertionError("install-validators did not finish within 60 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(project.resolve("stderr.txt"), StandardCharsets.UTF_8));
  }

  private static boolean onPath(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String folder : path.split(":")) {
        if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, name))) {
          return true;
        }
      }
    }
    return false;
  }
}
