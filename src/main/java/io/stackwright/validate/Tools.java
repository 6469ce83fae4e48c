package io.stackwright.validate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where the validation tools are, each looked for in this order: a system property ({@code
 * -Dstackwright.kubeconform=<file>}, {@code -Dstackwright.schemas=<folder>}, {@code
 * -Dstackwright.compose=<file>}), the tools folder ({@link #folder}), then {@code PATH}
 * (kubeconform; {@code docker-compose}, or {@code docker compose} when that plugin answers). The
 * schemas are only looked for in the first two places: kubeconform must not fetch them. The real
 * programs that read the generated config files are found as {@link Programs#locate} says.
 *
 * @param kubeconform the kubeconform executable, or {@code null}
 * @param schemas the folder of strict JSON schemas of {@link #SCHEMA_SET}, prepared by {@code
 *     scripts/install-validators}, or {@code null}
 * @param compose the command that runs the Compose CLI ({@code [/path/docker-compose]} or {@code
 *     [docker, compose]}), or an empty list
 * @param programs the real programs that read the generated config files; default none
 */
public record Tools(Path kubeconform, Path schemas, List<String> compose, Programs programs) {

  /**
   * The schema set matching {@link
   * io.stackwright.render.k8s.KubernetesRenderer#KUBERNETES_VERSION}.
   */
  public static final String SCHEMA_SET = "v1.33.0-local-strict";

  /** How to install every tool, for messages. */
  public static final String INSTALL_HINT =
      "install it with mvn -q exec:exec@install-validators (in a project made by stackwright"
          + " init; in a Stackwright checkout, scripts/install-validators); <tools> is"
          + " -Dstackwright.tools, else the project's .tools/, else ~/.cache/stackwright/tools (root's:"
          + " /var/cache/stackwright/tools)";

  /**
   * Makes the paths absolute, as the tools run in a scratch folder; copies the command.
   *
   * @param kubeconform see {@link #kubeconform()}
   * @param schemas see {@link #schemas()}
   * @param compose see {@link #compose()}
   * @param programs see {@link #programs()}
   */
  public Tools {
    kubeconform = kubeconform == null ? null : kubeconform.toAbsolutePath().normalize();
    schemas = schemas == null ? null : schemas.toAbsolutePath().normalize();
    compose =
        compose.isEmpty()
            ? List.of()
            : Stream.concat(
                    Stream.of(Path.of(compose.get(0)).toAbsolutePath().normalize().toString()),
                    compose.stream().skip(1))
                .toList();
    programs = programs == null ? Programs.none() : programs;
  }

  /**
   * The schema layers' tools, without the real programs.
   *
   * @param kubeconform see {@link #kubeconform()}
   * @param schemas see {@link #schemas()}
   * @param compose see {@link #compose()}
   */
  public Tools(Path kubeconform, Path schemas, List<String> compose) {
    this(kubeconform, schemas, compose, Programs.none());
  }

  /** {@return no tools: only the policy layer can run} */
  public static Tools none() {
    return new Tools(null, null, List.of());
  }

  /**
   * The folder the tools are installed in: the one the system property {@code stackwright.tools}
   * names; else the project's {@code .tools/}, where a Stackwright checkout's {@code
   * scripts/install-validators} puts them, if there is one; else the user's, {@code
   * $XDG_CACHE_HOME/stackwright/tools} ({@code ~/.cache/stackwright/tools}; root's: {@code
   * /var/cache/stackwright/tools}), which {@code stackwright install-validators} fills for every
   * project of one's own.
   *
   * @param projectDir the project's folder
   * @param properties system properties, e.g. {@code System::getProperty}; {@code user.home} is
   *     read
   * @param environment environment variables, e.g. {@code System::getenv}; {@code XDG_CACHE_HOME}
   *     is read
   * @return the folder, which may not exist yet
   */
  public static Path folder(
      Path projectDir, Function<String, String> properties, Function<String, String> environment) {
    Path project = projectDir.resolve(".tools");
    return property(properties, "stackwright.tools")
        .or(() -> Optional.of(project).filter(Files::isDirectory))
        .or(() -> userFolder(properties, environment))
        .orElse(project)
        .toAbsolutePath()
        .normalize();
  }

  /**
   * {@code $XDG_CACHE_HOME/stackwright/tools}, else {@code ~/.cache/stackwright/tools}, except for
   * root: {@code /var/cache/stackwright/tools}, since the postgresql layer runs PostgreSQL as
   * {@code nobody} under root, which cannot enter root's home.
   */
  private static Optional<Path> userFolder(
      Function<String, String> properties, Function<String, String> environment) {
    String cache = environment.apply("XDG_CACHE_HOME");
    String home = properties.apply("user.home");
    // The XDG rule: a relative value is invalid and ignored.
    if (cache != null && Path.of(cache).isAbsolute()) {
      return Optional.of(Path.of(cache, "stackwright", "tools"));
    }
    if ("root".equals(properties.apply("user.name"))) {
      return Optional.of(Path.of("/var/cache/stackwright/tools"));
    }
    return home == null || home.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(home, ".cache", "stackwright", "tools"));
  }

  /**
   * Finds the tools.
   *
   * @param projectDir the project's folder, where {@link #folder} looks for {@code .tools/}
   * @param properties system properties, e.g. {@code System::getProperty}
   * @param environment environment variables, e.g. {@code System::getenv}; {@code PATH} and {@code
   *     XDG_CACHE_HOME} are read
   * @return the tools; a missing one is reported by {@link #kubeconformMissing()} and {@link
   *     #composeMissing()}
   */
  public static Tools locate(
      Path projectDir, Function<String, String> properties, Function<String, String> environment) {
    Path tools = folder(projectDir, properties, environment);
    String path = environment.apply("PATH");
    Path kubeconform =
        property(properties, "stackwright.kubeconform")
            .or(() -> executable(tools.resolve("bin").resolve("kubeconform")))
            .or(() -> onPath(path, "kubeconform"))
            .orElse(null);
    Path schemas =
        property(properties, "stackwright.schemas")
            .or(
                () ->
                    Optional.of(tools.resolve("kubernetes-json-schema").resolve(SCHEMA_SET))
                        .filter(Tools::hasSchemas))
            .orElse(null);
    List<String> compose =
        property(properties, "stackwright.compose")
            .or(() -> executable(tools.resolve("bin").resolve("docker-compose")))
            .or(() -> onPath(path, "docker-compose"))
            .map(p -> List.of(p.toString()))
            .or(() -> onPath(path, "docker").filter(Tools::hasComposePlugin).map(Tools::plugin))
            .orElse(List.of());
    return new Tools(kubeconform, schemas, compose, Programs.locate(tools, properties, path));
  }

  /** {@return why the kubeconform layer cannot run, or {@code null} when it can} */
  public String kubeconformMissing() {
    if (kubeconform == null) {
      return "kubeconform not found (-Dstackwright.kubeconform, <tools>/bin/kubeconform, PATH); "
          + INSTALL_HINT;
    }
    if (schemas == null || !hasSchemas(schemas)) {
      return "the Kubernetes "
          + SCHEMA_SET
          + " JSON schemas were not found (-Dstackwright.schemas,"
          + " <tools>/kubernetes-json-schema/"
          + SCHEMA_SET
          + "); "
          + INSTALL_HINT;
    }
    return null;
  }

  /** {@return why the Compose layer cannot run, or {@code null} when it can} */
  public String composeMissing() {
    return compose.isEmpty()
        ? "the Compose CLI was not found (-Dstackwright.compose, <tools>/bin/docker-compose,"
            + " docker-compose or docker compose on PATH); "
            + INSTALL_HINT
        : null;
  }

  /** The path a system property names, if it names one. */
  static Optional<Path> property(Function<String, String> properties, String name) {
    String value = properties.apply(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  /**
   * The file, if it is an executable file.
   *
   * @param file the file
   * @return it, or nothing
   */
  public static Optional<Path> executable(Path file) {
    return Files.isRegularFile(file) && Files.isExecutable(file)
        ? Optional.of(file)
        : Optional.empty();
  }

  /**
   * The executable {@code name} in the first folder of {@code path} that holds one.
   *
   * @param path a {@code PATH} value, or {@code null}
   * @param name the executable's name
   * @return its file, or nothing
   */
  public static Optional<Path> onPath(String path, String name) {
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      if (!directory.isEmpty()) {
        Optional<Path> found = executable(Path.of(directory).resolve(name));
        if (found.isPresent()) {
          return found;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean hasSchemas(Path folder) {
    return Files.isRegularFile(folder.resolve("namespace-v1.json"));
  }

  private static List<String> plugin(Path docker) {
    return List.of(docker.toString(), "compose");
  }

  /** Whether {@code docker compose version} works: a docker client with the Compose plugin. */
  private static boolean hasComposePlugin(Path docker) {
    try {
      Process process =
          new ProcessBuilder(docker.toString(), "compose", "version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
