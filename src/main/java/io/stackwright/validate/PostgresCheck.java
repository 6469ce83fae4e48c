package io.stackwright.validate;

import io.stackwright.files.FileTrees;
import io.stackwright.model.ConfigChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The postgresql layer: a throwaway cluster of the image's major version ({@code initdb}, once per
 * process), then, for each generated {@code postgresql.conf}, the server started on that cluster
 * with {@code -c config_file=<the file>} in single-user mode (no socket, no port), where {@code
 * SHOW} must answer, for every setting of the file, the value the file gives (sizes and times
 * compared in base units, text without regard to case).
 *
 * <p>The file runs unchanged: only the data folder is the throwaway cluster's. PostgreSQL refuses
 * to run as root; as root, every PostgreSQL program runs as {@code nobody} (uid and gid 65534,
 * through util-linux's {@code setpriv}) in a folder of its own.
 */
final class PostgresCheck {
  /** The longest initdb or one server run may take. */
  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  /** The unprivileged user and group that run PostgreSQL when this process is root. */
  static final int NOBODY = 65534;

  /** {@code name = value}, the value quoted or a single word; a comment may follow. */
  private static final Pattern SETTING =
      Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*=?\\s*('(?:[^']|'')*'|[^#\\s]+)");

  /** What single-user mode prints for each value: {@code 1: name = "value"}. */
  private static final Pattern SHOWN = Pattern.compile("^\\s*1: ([A-Za-z_.]+) = \"(.*)\"\\s.*$");

  private static final Pattern QUANTITY =
      Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)?");

  private final Path home;

  /**
   * @param home the PostgreSQL folder ({@code bin/initdb}, {@code bin/postgres}); taken at its real
   *     path, so that a project whose {@code .tools} is a link into a folder {@code nobody} cannot
   *     enter still works
   */
  PostgresCheck(Path home) {
    Path real;
    try {
      real = home.toRealPath();
    } catch (IOException e) {
      real = home;
    }
    this.home = real;
  }

  /**
   * Checks each environment's files on one throwaway cluster.
   *
   * @return the findings, by environment
   * @throws ToolRun.ToolFailure when initdb or the server cannot be run
   */
  Map<String, List<Finding>> check(Map<String, List<GeneratedConfig>> configs)
      throws ToolRun.ToolFailure {
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    Cluster cluster = shared(home);
    // One server at a time on a cluster: PostgreSQL locks its data folder.
    synchronized (cluster) {
      for (Map.Entry<String, List<GeneratedConfig>> environment : configs.entrySet()) {
        List<Finding> found = new ArrayList<>();
        for (GeneratedConfig config : environment.getValue()) {
          if (config.checker() == ConfigChecker.POSTGRESQL) {
            found.addAll(cluster.check(config));
          }
        }
        if (found.isEmpty()) {
          found.addAll(initScripts(environment.getValue()));
        }
        findings.put(environment.getKey(), found);
      }
    }
    return findings;
  }

  /**
   * Runs each service's init scripts with its {@code postgresql.conf} (its Compose copy, which the
   * scripts' Compose copies sit beside), on a cluster of their own: they change the cluster, which
   * the shared one must not.
   */
  private List<Finding> initScripts(List<GeneratedConfig> configs) throws ToolRun.ToolFailure {
    List<Finding> found = new ArrayList<>();
    Map<String, List<GeneratedConfig>> byService = new LinkedHashMap<>();
    for (GeneratedConfig config : configs) {
      if (config.checker() == ConfigChecker.POSTGRESQL_INIT) {
        byService.computeIfAbsent(config.service(), s -> new ArrayList<>()).add(config);
      }
    }
    for (Map.Entry<String, List<GeneratedConfig>> service : byService.entrySet()) {
      GeneratedConfig conf =
          configs.stream()
              .filter(c -> c.checker() == ConfigChecker.POSTGRESQL)
              .filter(c -> c.service().equals(service.getKey()) && c.object().isEmpty())
              .findFirst()
              .orElse(null);
      if (conf == null) {
        service.getValue().stream()
            .map(
                script ->
                    script.finding(
                        Layer.POSTGRESQL,
                        "an init script of a service whose postgresql.conf this layer does not"
                            + " check; mount its postgresql.conf with the POSTGRESQL checker"))
            .forEach(found::add);
        continue;
      }
      found.addAll(new PostgresInitRun(this, home.resolve("bin")).run(conf, service.getValue()));
    }
    return found;
  }

  /**
   * The clusters of this process, by PostgreSQL folder: made on first use, removed when the process
   * exits. A single-user server reads the file and answers {@code SHOW} without changing the
   * cluster, so each synth of a process (the tests run hundreds) need not pay for initdb again.
   */
  private static final Map<Path, Cluster> CLUSTERS = new java.util.HashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (CLUSTERS) {
                    CLUSTERS.values().forEach(Cluster::close);
                  }
                },
                "postgres-cluster-cleanup"));
  }

  private Cluster shared(Path home) throws ToolRun.ToolFailure {
    synchronized (CLUSTERS) {
      Cluster cluster = CLUSTERS.get(home);
      if (cluster == null || !Files.isDirectory(cluster.data())) {
        cluster = cluster();
        CLUSTERS.put(home, cluster);
      }
      return cluster;
    }
  }

  /** A new throwaway cluster, in a folder of its own that closing it deletes. */
  Cluster cluster() throws ToolRun.ToolFailure {
    Path folder = null;
    if (root() && !enterable(home)) {
      throw new ToolRun.ToolFailure(
          "PostgreSQL runs as nobody (uid "
              + NOBODY
              + ") under root, and cannot enter "
              + home
              + ": install it where every folder above it may be entered by others");
    }
    try {
      // Named as the gate's scratch folders, which a later synth sweeps if a killed one left it.
      Path temp = Path.of(System.getProperty("java.io.tmpdir"));
      folder =
          Files.createTempDirectory(
              root() && !enterable(temp) ? Path.of("/tmp") : temp,
              "stackwright-validate-postgres",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      if (root()) {
        Files.setAttribute(folder, "unix:uid", NOBODY);
        Files.setAttribute(folder, "unix:gid", NOBODY);
      }
      Cluster cluster = new Cluster(folder);
      cluster.initdb();
      return cluster;
    } catch (IOException e) {
      delete(folder);
      throw new ToolRun.ToolFailure("cannot make a folder for PostgreSQL: " + e.getMessage());
    } catch (ToolRun.ToolFailure e) {
      delete(folder);
      throw e;
    }
  }

  /** A throwaway cluster: its folder holds the data folder, the files checked and the output. */
  final class Cluster implements AutoCloseable {
    private final Path folder;
    private int files;
    private Map<String, String> shown = Map.of();

    private Cluster(Path folder) {
      this.folder = folder;
    }

    /** The data folder. */
    Path data() {
      return folder.resolve("data");
    }

    private void initdb() throws ToolRun.ToolFailure {
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
     * Starts the server in single-user mode with the file, and compares what {@code SHOW} answers
     * for each of its settings with the file's values.
     */
    List<Finding> check(GeneratedConfig config) throws ToolRun.ToolFailure {
      Map<String, String> settings = settings(config.content());
      ToolRun run;
      try {
        files++;
        Path conf = write("checked-" + files + ".conf", config.content());
        StringBuilder sql = new StringBuilder();
        settings.keySet().forEach(name -> sql.append("SHOW ").append(name).append(";\n"));
        Path input = write("show-" + files + ".sql", sql.toString());
        run =
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
          return complaints(config, output.replace(conf.toString(), config.file()));
        }
        shown = PostgresCheck.shown(run.stdout());
        return compare(config, settings, shown);
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
      delete(folder);
    }
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

  private String bin(String program) {
    return home.resolve("bin").resolve(program).toString();
  }

  /** The server's complaints about the file: its LOG, ERROR and FATAL lines. */
  private static List<Finding> complaints(GeneratedConfig config, String output) {
    List<Finding> findings = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher m = Pattern.compile("(LOG|ERROR|FATAL):\\s+(.*)").matcher(line);
      if (m.find()
          && !m.group(2).startsWith("checkpoint")
          && !m.group(2).startsWith("database system")) {
        findings.add(config.finding(Layer.POSTGRESQL, "postgres: " + m.group(2).strip()));
      }
    }
    if (findings.isEmpty()) {
      findings.add(config.finding(Layer.POSTGRESQL, "postgres did not start: " + output.strip()));
    }
    return findings;
  }

  private static List<Finding> compare(
      GeneratedConfig config, Map<String, String> settings, Map<String, String> shown) {
    List<Finding> findings = new ArrayList<>();
    settings.forEach(
        (name, value) -> {
          String actual = shown.get(name.toLowerCase(Locale.ROOT));
          if (actual == null) {
            findings.add(config.finding(Layer.POSTGRESQL, "SHOW " + name + " answers nothing"));
          } else if (!same(value, actual)) {
            findings.add(
                config.finding(
                    Layer.POSTGRESQL,
                    "SHOW "
                        + name
                        + " answers \""
                        + actual
                        + "\", the file says \""
                        + value
                        + "\""));
          }
        });
    return findings;
  }

  /** The file's settings and their values (unquoted), in file order; the last one wins. */
  static Map<String, String> settings(String content) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      Matcher m = SETTING.matcher(line);
      if (!line.strip().startsWith("#") && m.find()) {
        String value = m.group(2);
        if (value.startsWith("'")) {
          value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        settings.put(m.group(1).toLowerCase(Locale.ROOT), value);
      }
    }
    return settings;
  }

  /** The values single-user mode printed for each {@code SHOW}. */
  static Map<String, String> shown(String output) {
    Map<String, String> shown = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = SHOWN.matcher(line);
      if (m.matches()) {
        shown.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
      }
    }
    return shown;
  }

  /** Whether {@code SHOW}'s answer is the file's value. */
  static boolean same(String file, String shown) {
    if (file.equalsIgnoreCase(shown)) {
      return true;
    }
    Double a = base(file);
    Double b = base(shown);
    return a != null && a.equals(b);
  }

  /** A size in bytes or a time in microseconds; {@code null} for anything else. */
  private static Double base(String value) {
    Matcher m = QUANTITY.matcher(value.strip());
    if (!m.matches()) {
      return null;
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    double factor =
        switch (unit) {
          case "kB" -> 1024;
          case "MB" -> 1024.0 * 1024;
          case "GB" -> 1024.0 * 1024 * 1024;
          case "TB" -> 1024.0 * 1024 * 1024 * 1024;
          case "ms" -> 1000;
          case "s" -> 1000_000;
          case "min" -> 60e6;
          case "h" -> 3600e6;
          case "d" -> 86400e6;
          default -> 1;
        };
    return n * factor;
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

  private static void delete(Path folder) {
    FileTrees.deleteQuietly(folder);
  }
}
