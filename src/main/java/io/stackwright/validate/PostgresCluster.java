package io.stackwright.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throwaway PostgreSQL cluster: its folder holds the data folder, the files checked and the
 * output; closing it deletes the folder. PostgreSQL refuses to run as root; as root, every
 * PostgreSQL program runs as {@code nobody} (uid and gid 65534, through util-linux's {@code
 * setpriv}) in the cluster's folder.
 */
final class PostgresCluster implements AutoCloseable {
  /** The longest initdb or one server run may take. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** The unprivileged user and group that run PostgreSQL when this process is root. */
  static final int NOBODY = 65534;

  private final Path bin;
  private final Path folder;
  private int files;
  private Map<String, String> shown = Map.of();

  /**
   * @param bin the folder of {@code initdb} and {@code postgres}
   * @param folder the cluster's folder, which closing the cluster deletes
   */
  PostgresCluster(Path bin, Path folder) {
    this.bin = bin;
    this.folder = folder;
  }

  /** The data folder. */
  Path data() {
    return folder.resolve("data");
  }

  /** Makes the data folder, as PostgreSQL's own {@code initdb} does. */
  void initdb() throws ToolRun.ToolFailure {
    ToolRun run =
        run(
            List.of(
                bin("initdb"),
                "-D",
                data().toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "--no-instructions"),
            null);
    if (run.exitCode() != 0) {
      throw new ToolRun.ToolFailure(
          "initdb exited with code " + run.exitCode() + ": " + run.stderr().strip());
    }
  }

  /** Writes a file into the cluster's folder, readable by the server. */
  Path write(String name, String content) throws IOException {
    Path file = folder.resolve(name);
    Files.writeString(file, content);
    if (root()) {
      Files.setAttribute(file, "unix:uid", NOBODY);
    }
    return file;
  }

  /**
   * Starts the server in single-user mode with the file, and compares what {@code SHOW} answers for
   * each of its settings with the file's values.
   */
  List<Finding> check(GeneratedConfig config) throws ToolRun.ToolFailure {
    Map<String, String> settings = PostgresSettings.settings(config.content());
    try {
      files++;
      Path conf = write("checked-" + files + ".conf", config.content());
      StringBuilder sql = new StringBuilder();
      settings.keySet().forEach(name -> sql.append("SHOW ").append(name).append(";\n"));
      Path input = write("show-" + files + ".sql", sql.toString());
      ToolRun run =
          run(
              List.of(
                  bin("postgres"),
                  "--single",
                  "-D",
                  data().toString(),
                  "-c",
                  "config_file=" + conf,
                  "postgres"),
              input);
      String output = run.stdout() + "\n" + run.stderr();
      if (run.exitCode() != 0 || output.contains("FATAL:")) {
        return PostgresSettings.complaints(config, output.replace(conf.toString(), config.file()));
      }
      shown = PostgresSettings.shown(run.stdout());
      return PostgresSettings.compare(config, settings, shown);
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot write a file for PostgreSQL: " + e.getMessage());
    }
  }

  /** What {@code SHOW} answered in the last check that started, by lower-case name. */
  Map<String, String> shown() {
    return shown;
  }

  /** Runs a PostgreSQL program, as {@code nobody} when this process is root. */
  ToolRun run(List<String> command, Path input) throws ToolRun.ToolFailure {
    return ToolRun.run(asServerUser(command), folder, null, input, folder, TIMEOUT);
  }

  @Override
  public void close() {
    PostgresCheck.delete(folder);
  }

  private String bin(String program) {
    return bin.resolve(program).toString();
  }

  /** The command, run as {@code nobody} when this process is root. */
  static List<String> asServerUser(List<String> command) {
    if (!root()) {
      return command;
    }
    List<String> wrapped =
        new ArrayList<>(
            List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  /** Whether others ({@code nobody}) may enter the folder and every folder above it. */
  static boolean enterable(Path folder) {
    try {
      for (Path p = folder.toRealPath(); p != null; p = p.getParent()) {
        if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
          return false;
        }
      }
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Whether this process runs as root, where PostgreSQL refuses to run. */
  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }
}
