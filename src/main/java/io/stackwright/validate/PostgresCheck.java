package io.stackwright.validate;

import io.stackwright.files.FileTrees;
import io.stackwright.model.ConfigChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The postgresql layer: a throwaway cluster of the image's major version ({@code initdb}, once per
 * process), then, for each generated {@code postgresql.conf}, the server started on that cluster
 * with {@code -c config_file=<the file>} in single-user mode (no socket, no port), where {@code
 * SHOW} must answer, for every setting of the file, the value the file gives (sizes and times
 * compared in base units, text without regard to case).
 *
 * <p>The file runs unchanged: only the data folder is the throwaway cluster's ({@link
 * PostgresCluster}); what {@code SHOW} answers is compared by {@link PostgresSettings}. A service's
 * init scripts run on a cluster of their own ({@link PostgresInitRun}).
 */
final class PostgresCheck {
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
    PostgresCluster cluster = shared(home);
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
  private static final Map<Path, PostgresCluster> CLUSTERS = new java.util.HashMap<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (CLUSTERS) {
                    CLUSTERS.values().forEach(PostgresCluster::close);
                  }
                },
                "postgres-cluster-cleanup"));
  }

  private PostgresCluster shared(Path home) throws ToolRun.ToolFailure {
    synchronized (CLUSTERS) {
      PostgresCluster cluster = CLUSTERS.get(home);
      if (cluster == null || !Files.isDirectory(cluster.data())) {
        cluster = cluster();
        CLUSTERS.put(home, cluster);
      }
      return cluster;
    }
  }

  /** A new throwaway cluster, in a folder of its own that closing it deletes. */
  PostgresCluster cluster() throws ToolRun.ToolFailure {
    Path folder = null;
    if (PostgresCluster.root() && !PostgresCluster.enterable(home)) {
      throw new ToolRun.ToolFailure(
          "PostgreSQL runs as nobody (uid "
              + PostgresCluster.NOBODY
              + ") under root, and cannot enter "
              + home
              + ": install it where every folder above it may be entered by others");
    }
    try {
      // Named as the gate's scratch folders, which a later synth sweeps if a killed one left it.
      Path temp = Path.of(System.getProperty("java.io.tmpdir"));
      folder =
          Files.createTempDirectory(
              PostgresCluster.root() && !PostgresCluster.enterable(temp) ? Path.of("/tmp") : temp,
              "stackwright-validate-postgres",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
      if (PostgresCluster.root()) {
        Files.setAttribute(folder, "unix:uid", PostgresCluster.NOBODY);
        Files.setAttribute(folder, "unix:gid", PostgresCluster.NOBODY);
      }
      PostgresCluster cluster = new PostgresCluster(home.resolve("bin"), folder);
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

  /** Deletes a cluster's folder and everything in it; a leftover harms nothing. */
  static void delete(Path folder) {
    FileTrees.deleteQuietly(folder);
  }
}
