package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.config.PostgresTuning;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Memory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL of the image's version starts with every generated postgresql.conf and {@code SHOW}
 * answers the model's values. One throwaway cluster serves the class: initdb is most of its time.
 */
class PostgresCheckTest {
  private static final int SLOW_QUERY_MILLIS = 500;

  private static PostgresCluster cluster;

  @TempDir Path scratch;

  @BeforeAll
  static void initdb() throws Exception {
    cluster = new PostgresCheck(programs().postgresql()).cluster();
  }

  @AfterAll
  static void removeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Stream<Path> generated() throws IOException {
    try (Stream<Path> files = Files.walk(InstalledTools.PROJECT.resolve("dist"))) {
      return files
          .filter(f -> f.getFileName().toString().equals("postgresql.conf"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("generated")
  void postgresReadsEveryGeneratedFileAsItIsWritten(Path file) throws Exception {
    assertThat(cluster.check(config(Files.readString(file)))).isEmpty();
  }

  @Test
  void showAnswersTheModelsValues() throws Exception {
    PostgresTuning tuning =
        PostgresTuning.forLimit(Memory.gibibytes(4), 200, Memory.gibibytes(100));
    Map<String, String> shown = show(tuning.postgresqlConf(SLOW_QUERY_MILLIS));

    assertSize(shown.get("shared_buffers"), tuning.sharedBuffers());
    assertSize(shown.get("effective_cache_size"), tuning.effectiveCacheSize());
    assertSize(shown.get("maintenance_work_mem"), tuning.maintenanceWorkMem());
    assertSize(shown.get("wal_buffers"), tuning.walBuffers());
    assertSize(shown.get("max_wal_size"), tuning.maxWalSize());
    assertSize(shown.get("min_wal_size"), tuning.minWalSize());
    assertThat(PostgresSettings.same(tuning.workMemKilobytes() + "kB", shown.get("work_mem")))
        .as("work_mem %s", shown.get("work_mem"))
        .isTrue();
    assertThat(shown.get("max_connections")).isEqualTo("200");
    assertThat(shown.get("log_min_duration_statement")).isEqualTo(SLOW_QUERY_MILLIS + "ms");
    assertThat(shown.get("password_encryption")).isEqualTo("scram-sha-256");
    assertThat(shown.get("huge_pages")).isEqualTo("off");
    assertThat(shown.get("timezone")).isEqualTo("UTC");
  }

  @Test
  void anUnknownSettingIsRejected() throws Exception {
    String broken =
        PostgresTuning.forLimit(Memory.mebibytes(512), 50, Memory.gibibytes(10))
            .postgresqlConf(SLOW_QUERY_MILLIS)
            .replace("huge_pages = off", "huge_pages = off\nhuge_pagez = off");

    List<Finding> findings = cluster.check(config(broken));

    assertThat(findings)
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.layer()).isEqualTo(Layer.POSTGRESQL));
    assertThat(findings)
        .anySatisfy(
            f ->
                assertThat(f.message())
                    .contains("unrecognized configuration parameter \"huge_pagez\"")
                    .contains("compose/config/postgres/postgresql.conf"));
  }

  @Test
  void aValueOutOfRangeIsRejected() throws Exception {
    String broken =
        PostgresTuning.forLimit(Memory.mebibytes(512), 50, Memory.gibibytes(10))
            .postgresqlConf(SLOW_QUERY_MILLIS)
            .replace("max_connections = 50", "max_connections = 0");

    assertThat(cluster.check(config(broken)))
        .anySatisfy(f -> assertThat(f.message()).contains("max_connections"));
  }

  @Test
  void theServerStartsOnLoopbackWithTheGeneratedFile() throws Exception {
    Path conf =
        cluster.write(
            "server.conf",
            Files.readString(
                InstalledTools.PROJECT.resolve(
                    "dist/prod/compose/config/postgres/postgresql.conf")));
    int port = RedisCheck.freePort();
    // The file runs as it is; only where it listens is overridden, on the command line: loopback,
    // a free port, and the socket in the cluster's folder (the image's /var/run/postgresql).
    List<String> command =
        PostgresCluster.asServerUser(
            List.of(
                programs().postgresql().resolve("bin/postgres").toString(),
                "-D",
                cluster.data().toString(),
                "-c",
                "config_file=" + conf,
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "port=" + port,
                "-c",
                "unix_socket_directories=" + conf.getParent()));
    Path log = scratch.resolve("postgres.log");
    Process server =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      awaitReady(server, log);
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
      }
      assertThat(Files.readString(log)).doesNotContain("FATAL").doesNotContain("WARNING");
    } finally {
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
    assertThat(server.isAlive()).isFalse();
  }

  @Test
  void postgresIsTheImagesVersion() throws Exception {
    String manifests = Files.readString(InstalledTools.PROJECT.resolve("dist/prod/postgres.yaml"));
    Matcher image = Pattern.compile("image: postgres:(\\d+)\\.(\\d+)").matcher(manifests);
    assertThat(image.find()).isTrue();

    ToolRun run =
        ToolRun.run(
            List.of(programs().postgresql().resolve("bin/postgres").toString(), "--version"),
            scratch,
            null,
            scratch);

    assertThat(run.stdout()).contains("(PostgreSQL) " + image.group(1) + "." + image.group(2));
  }

  @Test
  void sizesAndTimesAreComparedInBaseUnits() {
    assertThat(PostgresSettings.same("1024MB", "1GB")).isTrue();
    assertThat(PostgresSettings.same("1000MB", "1GB")).isFalse();
    assertThat(PostgresSettings.same("500ms", "500ms")).isTrue();
    assertThat(PostgresSettings.same("'iso, mdy'".replace("'", ""), "ISO, MDY")).isTrue();
  }

  private static void assertSize(String shown, Memory model) {
    assertThat(PostgresSettings.same(model.mebibytes() + "MB", shown))
        .as("SHOW %s against the model's %d MiB", shown, model.mebibytes())
        .isTrue();
  }

  /** What SHOW answers for each setting of the file, through the check's own reading. */
  private Map<String, String> show(String content) throws Exception {
    List<Finding> findings = cluster.check(config(content));
    assertThat(findings).isEmpty();
    return cluster.shown();
  }

  private static void awaitReady(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.readString(log);
      if (text.contains("ready to accept connections")) {
        return;
      }
      assertThat(server.isAlive()).as("postgres stopped: %s", text).isTrue();
      Thread.sleep(50);
    }
    throw new AssertionError("postgres was not ready within 30 s: " + Files.readString(log));
  }

  private static GeneratedConfig config(String content) {
    return new GeneratedConfig(
        "postgres",
        ConfigChecker.POSTGRESQL,
        "compose/config/postgres/postgresql.conf",
        "",
        "",
        content);
  }

  private static Programs programs() {
    return InstalledTools.requirePrograms(Programs::postgresqlMissing);
  }
}
