package io.stackwright.validate;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs a service's init scripts as the PostgreSQL image does on the first start of an empty data
 * folder: on a throwaway cluster of its own, a server started with the service's {@code
 * postgresql.conf} (so that the libraries it preloads are loaded), the user and database of its
 * {@code POSTGRES_USER} and {@code POSTGRES_DB} created, then each script in name order in that
 * database as that user, stopping at the first error. The server listens on {@code 127.0.0.1} at a
 * free port, and its socket is in the cluster's folder: only those override the file.
 */
final class PostgresInitRun {
  /** The longest the server may take to accept connections. */
  private static final Duration START = Duration.ofSeconds(60);

  private final PostgresCheck postgres;
  private final Path bin;

  PostgresInitRun(PostgresCheck postgres, Path bin) {
    this.postgres = postgres;
    this.bin = bin;
  }

  /**
   * Runs the scripts with the configuration.
   *
   * @param conf the service's {@code postgresql.conf}
   * @param scripts its init scripts, any order
   * @return a finding for the first script that fails, or for a server that does not start
   * @throws ToolRun.ToolFailure when the cluster cannot be made or the server not run at all
   */
  List<Finding> run(GeneratedConfig conf, List<GeneratedConfig> scripts)
      throws ToolRun.ToolFailure {
    List<GeneratedConfig> ordered = new ArrayList<>(scripts);
    ordered.sort(Comparator.comparing(GeneratedConfig::file));
    try (PostgresCluster cluster = postgres.cluster()) {
      int port = freePort();
      Path confFile = cluster.write("init.conf", conf.content());
      Path log = cluster.write("init.log", "");
      Process server =
          new ProcessBuilder(
                  PostgresCluster.asServerUser(
                      List.of(
                          bin.resolve("postgres").toString(),
                          "-D",
                          cluster.data().toString(),
                          "-c",
                          "config_file=" + confFile,
                          "-c",
                          "listen_addresses=127.0.0.1",
                          "-c",
                          "port=" + port,
                          "-c",
                          "unix_socket_directories=" + cluster.data().getParent())))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        return runScripts(conf, ordered, port, server, log);
      } finally {
        stop(server);
      }
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot start PostgreSQL for the init scripts: " + e);
    }
  }

  private List<Finding> runScripts(
      GeneratedConfig conf, List<GeneratedConfig> scripts, int port, Process server, Path log)
      throws IOException {
    String user = conf.env().getOrDefault("POSTGRES_USER", "postgres");
    String database = conf.env().getOrDefault("POSTGRES_DB", user);
    try (Connection admin = connect(port, "postgres", "postgres", server)) {
      if (admin == null) {
        return List.of(
            conf.finding(
                Layer.POSTGRESQL,
                "postgres did not start with this file to run the init scripts: "
                    + Files.readString(log).strip()));
      }
      try (Statement statement = admin.createStatement()) {
        if (!user.equals("postgres")) {
          statement.execute("CREATE ROLE " + quoted(user) + " SUPERUSER LOGIN");
        }
        if (!database.equals("postgres")) {
          statement.execute("CREATE DATABASE " + quoted(database) + " OWNER " + quoted(user));
        }
      }
    } catch (SQLException e) {
      return List.of(conf.finding(Layer.POSTGRESQL, "cannot create the user and database: " + e));
    }
    try (Connection connection = connect(port, database, user, server);
        Statement statement = connection.createStatement()) {
      for (GeneratedConfig script : scripts) {
        try {
          statement.execute(script.content());
        } catch (SQLException e) {
          return List.of(
              script.finding(
                  Layer.POSTGRESQL,
                  "the first start stops here: running it in database "
                      + database
                      + " as "
                      + user
                      + " fails: "
                      + e.getMessage()));
        }
      }
    } catch (SQLException e) {
      return List.of(conf.finding(Layer.POSTGRESQL, "cannot connect as " + user + ": " + e));
    }
    return List.of();
  }

  /** A connection once the server accepts one, or {@code null} if it stopped or never did. */
  private static Connection connect(int port, String database, String user, Process server)
      throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("connectTimeout", "5");
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    long deadline = System.nanoTime() + START.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline && server.isAlive()) {
      try {
        return DriverManager.getConnection(url, properties);
      } catch (SQLException e) {
        last = e;
        sleep();
      }
    }
    if (server.isAlive() && last != null) {
      throw last;
    }
    return null;
  }

  private static void stop(Process server) {
    // SIGTERM: a smart shutdown, which ends once the connections above are closed.
    server.destroy();
    try {
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String quoted(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
