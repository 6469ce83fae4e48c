package io.stackwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Memory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresTuningTest {

  private static final PostgresTuning SMALL =
      PostgresTuning.forLimit(Memory.mebibytes(512), 100, Memory.gibibytes(1));

  @ParameterizedTest(name = "{0} with {1} connections and a {2} volume")
  @CsvSource({
    // limit, connections, volume, shared, cache, maintenance, work kB, wal buffers, max, min WAL
    "512Mi, 100, 1Gi,    128,   384,   25,   4096,  3,  256,  64",
    "1Gi,   100, 10Gi,   256,   768,   51,   4096,  7,  2560, 640",
    "8Gi,   100, 100Gi,  2048,  6144,  409,  20971, 16, 4096, 1024",
    "64Gi,  200, 1Ti,    16384, 49152, 2048, 83886, 16, 4096, 1024",
    "256Mi, 10,  64Mi,   64,    192,   16,   6553,  1,  64,   32",
  })
  void valuesFollowTheDocumentedRules(
      String limit,
      int connections,
      String volume,
      long shared,
      long cache,
      long maintenance,
      long workKb,
      long walBuffers,
      long maxWal,
      long minWal) {
    PostgresTuning tuning =
        PostgresTuning.forLimit(Memory.parse(limit), connections, Memory.parse(volume));

    assertThat(tuning.sharedBuffers().mebibytes()).isEqualTo(shared);
    assertThat(tuning.effectiveCacheSize().mebibytes()).isEqualTo(cache);
    assertThat(tuning.maintenanceWorkMem().mebibytes()).isEqualTo(maintenance);
    assertThat(tuning.workMemKilobytes()).isEqualTo(workKb);
    assertThat(tuning.walBuffers().mebibytes()).isEqualTo(walBuffers);
    assertThat(tuning.maxWalSize().mebibytes()).isEqualTo(maxWal);
    assertThat(tuning.minWalSize().mebibytes()).isEqualTo(minWal);
  }

  @Test
  void workMemSharesWhatIsLeftBesideSharedBuffersAmongThreeOperationsPerConnection() {
    PostgresTuning tuning = PostgresTuning.forLimit(Memory.gibibytes(16), 50, Memory.gibibytes(10));

    // (16384 - 4096) MiB in kB over 150 operations.
    assertThat(tuning.workMemKilobytes()).isEqualTo((16384L - 4096) * 1024 / 150);
  }

  @Test
  void sizesAreWrittenInPostgresqlUnits() {
    String conf =
        PostgresTuning.forLimit(Memory.gibibytes(8), 100, Memory.gibibytes(100)).postgresqlConf(-1);

    assertThat(conf)
        .contains("\nshared_buffers = 2GB\n")
        .contains("\neffective_cache_size = 6GB\n")
        .contains("\nwork_mem = 20971kB\n")
        .contains("\nmaintenance_work_mem = 409MB\n")
        .contains("\nwal_buffers = 16MB\n")
        .contains("\nmax_wal_size = 4GB\n")
        .contains("\nmin_wal_size = 1GB\n");
  }

  @Test
  void theFileIsCompleteForTheOfficialImage() {
    List<String> settings = settings(SMALL.postgresqlConf(-1));

    assertThat(settings)
        .contains(
            "listen_addresses = '*'",
            "port = 5432",
            "max_connections = 100",
            "unix_socket_directories = '/var/run/postgresql'",
            "password_encryption = scram-sha-256",
            "dynamic_shared_memory_type = posix",
            "checkpoint_completion_target = 0.9",
            "random_page_cost = 1.1",
            "effective_io_concurrency = 200",
            "log_destination = 'stderr'",
            "logging_collector = off",
            "timezone = 'UTC'",
            "log_timezone = 'UTC'",
            "lc_messages = 'C.UTF-8'");
    // initdb writes pg_hba.conf and pg_ident.conf into the data directory, their default place.
    assertThat(settings).noneMatch(s -> s.startsWith("hba_file") || s.startsWith("ident_file"));
  }

  @Test
  void everySettingIsOneAssignmentAndNoneIsRepeated() {
    Pattern assignment = Pattern.compile("[a-z_]+ = \\S.*");
    Set<String> names = new HashSet<>();
    for (String setting : settings(SMALL.postgresqlConf(250))) {
      assertThat(setting).matches(assignment);
      assertThat(names.add(setting.substring(0, setting.indexOf(' ')))).as(setting).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"-1, -1", "0, 0ms", "250, 250ms"})
  void slowStatementsAreLoggedFromTheGivenDuration(int millis, String written) {
    assertThat(settings(SMALL.postgresqlConf(millis)))
        .contains("log_min_duration_statement = " + written);
  }

  @Test
  void aDurationBelowMinusOneIsRejected() {
    assertThatThrownBy(() -> SMALL.postgresqlConf(-2))
        .isInstanceOfSatisfying(
            InvalidPropException.class,
            e -> assertThat(e.key()).isEqualTo("logMinDurationStatement"));
  }

  @Test
  void aLimitBelow256MiIsRejectedWithTheKeyAndAFix() {
    assertThatThrownBy(
            () -> PostgresTuning.forLimit(Memory.mebibytes(255), 100, Memory.gibibytes(1)))
        .isInstanceOfSatisfying(
            InvalidPropException.class,
            e -> {
              assertThat(e.key()).isEqualTo("resources.memoryLimit");
              assertThat(e.getMessage()).contains("255Mi");
              assertThat(e.hint()).contains("256Mi");
            });
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 9, 5001})
  void connectionCountsOutOfRangeAreRejected(int connections) {
    assertThatThrownBy(
            () -> PostgresTuning.forLimit(Memory.gibibytes(1), connections, Memory.gibibytes(1)))
        .isInstanceOfSatisfying(
            InvalidPropException.class,
            e -> {
              assertThat(e.key()).isEqualTo("maxConnections");
              assertThat(e.getMessage()).contains(Integer.toString(connections));
            });
  }

  @Test
  void wholeFileFor512MiAnd100Connections() {
    String conf = SMALL.postgresqlConf(500);

    assertThat(conf).isEqualTo(Golden.read("postgresql-512Mi.conf")).endsWith("\n");
    assertThat(SMALL.postgresqlConf(500)).isEqualTo(conf);
  }

  private static List<String> settings(String conf) {
    return conf.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
  }
}
