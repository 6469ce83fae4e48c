package io.stackwright.config;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Memory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * PostgreSQL's memory and WAL settings, derived from what the container is given, and the {@code
 * postgresql.conf} that carries them.
 *
 * <p>The server is started by the official image as {@code postgres -c config_file=}{@value
 * #CONFIG_PATH}. {@code hba_file} and {@code ident_file} are left unset, so they default to the
 * data directory, where the image's {@code initdb} writes them.
 *
 * @param memoryLimit the container's memory limit, at least {@value #MIN_MEMORY_LIMIT_MIB}Mi
 * @param maxConnections {@code max_connections}, from {@value #MIN_CONNECTIONS} to {@value
 *     #MAX_CONNECTIONS}
 * @param storage capacity of the data volume, which bounds how much WAL may accumulate
 */
public record PostgresTuning(Memory memoryLimit, int maxConnections, Memory storage) {

  /** Where the services mount the generated file. */
  public static final String CONFIG_PATH = "/etc/postgresql/postgresql.conf";

  /** Directory of the server's Unix socket; must be writable. */
  public static final String SOCKET_DIRECTORY = "/var/run/postgresql";

  /** Smallest memory limit the tuning accepts, in MiB. */
  public static final int MIN_MEMORY_LIMIT_MIB = 256;

  /** Smallest {@code max_connections} accepted. */
  public static final int MIN_CONNECTIONS = 10;

  /** Largest {@code max_connections} accepted. */
  public static final int MAX_CONNECTIONS = 5000;

  private static final int PORT = 5432;
  private static final long MIN_WORK_MEM_KB = 4 * 1024;

  /**
   * Checks the limit and the connection count.
   *
   * @param memoryLimit see {@link #memoryLimit()}
   * @param maxConnections see {@link #maxConnections()}
   * @param storage see {@link #storage()}
   */
  public PostgresTuning {
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    Objects.requireNonNull(storage, "storage");
    if (memoryLimit.mebibytes() < MIN_MEMORY_LIMIT_MIB) {
      throw new InvalidPropException(
          "resources.memoryLimit",
          "PostgreSQL needs a memory limit of at least "
              + MIN_MEMORY_LIMIT_MIB
              + "Mi, got "
              + memoryLimit,
          "set resources.memoryLimit to " + MIN_MEMORY_LIMIT_MIB + "Mi or more");
    }
    if (maxConnections < MIN_CONNECTIONS || maxConnections > MAX_CONNECTIONS) {
      throw new InvalidPropException(
          "maxConnections",
          "maxConnections must be between "
              + MIN_CONNECTIONS
              + " and "
              + MAX_CONNECTIONS
              + ", got "
              + maxConnections,
          "use a value in range; put a connection pooler in front for more clients");
    }
  }

  /**
   * The tuning for a container.
   *
   * @param memoryLimit the container's memory limit
   * @param maxConnections {@code max_connections}
   * @param storage capacity of the data volume
   * @return the tuning
   * @throws InvalidPropException when the limit is below {@value #MIN_MEMORY_LIMIT_MIB}Mi or the
   *     connection count is out of range
   */
  public static PostgresTuning forLimit(Memory memoryLimit, int maxConnections, Memory storage) {
    return new PostgresTuning(memoryLimit, maxConnections, storage);
  }

  /**
   * {@code shared_buffers}: 25 % of the limit, the usual starting point when the page cache is the
   * rest of the same limit.
   *
   * @return the amount
   */
  public Memory sharedBuffers() {
    return memoryLimit.percent(25);
  }

  /**
   * {@code effective_cache_size}: 75 % of the limit. A planner estimate of shared buffers plus page
   * cache; nothing is allocated.
   *
   * @return the amount
   */
  public Memory effectiveCacheSize() {
    return memoryLimit.percent(75);
  }

  /**
   * {@code maintenance_work_mem}: 5 % of the limit, at least 16 MiB and at most 2 GiB, since few
   * maintenance operations run at once and more than 2 GiB rarely speeds them up.
   *
   * @return the amount
   */
  public Memory maintenanceWorkMem() {
    return Memory.mebibytes(clamp(memoryLimit.mebibytes() * 5 / 100, 16, 2048));
  }

  /**
   * {@code work_mem} in kB: what is left beside the shared buffers, shared among every connection
   * running up to three sort or hash operations at once, and at least 4 MiB (PostgreSQL's own
   * default), below which sorts spill to disk for no gain.
   *
   * @return the amount in kB
   */
  public long workMemKilobytes() {
    long left = (memoryLimit.mebibytes() - sharedBuffers().mebibytes()) * 1024;
    return Math.max(MIN_WORK_MEM_KB, left / (maxConnections * 3L));
  }

  /**
   * {@code wal_buffers}: 3 % of the shared buffers, at least 1 MiB and at most 16 MiB (one WAL
   * segment), as PostgreSQL itself would choose, written out so that the file says it.
   *
   * @return the amount
   */
  public Memory walBuffers() {
    return Memory.mebibytes(clamp(sharedBuffers().mebibytes() * 3 / 100, 1, 16));
  }

  /**
   * {@code max_wal_size}: 25 % of the data volume, at least 64 MiB and at most 4 GiB. PostgreSQL's
   * default of 1 GB would fill a small development volume before the first checkpoint.
   *
   * @return the amount
   */
  public Memory maxWalSize() {
    return Memory.mebibytes(clamp(storage.mebibytes() / 4, 64, 4096));
  }

  /**
   * {@code min_wal_size}: 25 % of {@link #maxWalSize()}, at least 32 MiB (two WAL segments, the
   * least PostgreSQL accepts) and at most 1 GiB.
   *
   * @return the amount
   */
  public Memory minWalSize() {
    return Memory.mebibytes(clamp(maxWalSize().mebibytes() / 4, 32, 1024));
  }

  /**
   * A complete {@code postgresql.conf} for the official {@code postgres:16} image.
   *
   * @param logMinDurationStatementMillis statements slower than this are logged, in milliseconds;
   *     {@code 0} logs every statement, {@code -1} none
   * @return the file's text
   * @throws InvalidPropException when the duration is below {@code -1}
   */
  public String postgresqlConf(int logMinDurationStatementMillis) {
    return postgresqlConf(logMinDurationStatementMillis, Map.of());
  }

  /**
   * The configuration file with a stack's own settings: each replaces the derived line of the same
   * name, marked as the stack's, or is added at the end; every value is written quoted ({@code '}
   * and {@code \} doubled), which the server accepts for a setting of any type.
   *
   * @param logMinDurationStatementMillis statements slower than this are logged; -1 for none
   * @param settings settings by name, already checked to be names and one-line values
   * @return the file's content
   */
  public String postgresqlConf(int logMinDurationStatementMillis, Map<String, String> settings) {
    List<String> lines =
        new ArrayList<>(List.of(derivedConf(logMinDurationStatementMillis).split("\n", -1)));
    List<String> added = new ArrayList<>();
    for (Map.Entry<String, String> setting : new TreeMap<>(settings).entrySet()) {
      String line =
          setting.getKey()
              + " = '"
              + setting.getValue().replace("\\", "\\\\").replace("'", "''")
              + "'";
      int derived = indexOfSetting(lines, setting.getKey());
      if (derived >= 0) {
        lines.set(derived, line + "  # set by the stack, in place of " + lines.get(derived));
      } else {
        added.add(line);
      }
    }
    if (!added.isEmpty()) {
      added.add(0, "");
      added.add(1, "# Set by the stack");
      // Before the empty string after the last line end.
      lines.addAll(lines.size() - 1, added);
    }
    return String.join("\n", lines);
  }

  private static int indexOfSetting(List<String> lines, String name) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(name + " = ")) {
        return i;
      }
    }
    return -1;
  }

  private String derivedConf(int logMinDurationStatementMillis) {
    if (logMinDurationStatementMillis < -1) {
      throw new InvalidPropException(
          "logMinDurationStatement",
          "logMinDurationStatement must be -1 (off) or a duration in milliseconds, got "
              + logMinDurationStatementMillis,
          "use -1 to log no statement, 0 to log every statement, or a threshold such as 500");
    }
    String slow = logMinDurationStatementMillis < 0 ? "-1" : logMinDurationStatementMillis + "ms";
    return String.join(
        "\n",
        "# postgresql.conf, generated by Stackwright from the model: change the model, not this file.",
        "# Read by: postgres -c config_file=" + CONFIG_PATH,
        "# hba_file and ident_file are not set: they stay in the data directory, where initdb",
        "# writes them.",
        "#",
        "# Derived from a memory limit of "
            + memoryLimit
            + ", max_connections "
            + maxConnections
            + " and a data volume of "
            + storage
            + ":",
        "#   shared_buffers        25 % of the memory limit",
        "#   effective_cache_size  75 % of the memory limit (a planner estimate, not allocated)",
        "#   maintenance_work_mem  5 % of the memory limit, between 16MB and 2GB",
        "#   work_mem              (memory limit - shared_buffers) / (3 x max_connections),",
        "#                         at least 4MB",
        "#   wal_buffers           3 % of shared_buffers, between 1MB and 16MB",
        "#   max_wal_size          25 % of the data volume, between 64MB and 4GB",
        "#   min_wal_size          25 % of max_wal_size, between 32MB and 1GB",
        "",
        "# Connections",
        "listen_addresses = '*'",
        "port = " + PORT,
        "max_connections = " + maxConnections,
        "unix_socket_directories = '" + SOCKET_DIRECTORY + "'",
        "password_encryption = scram-sha-256",
        "",
        "# Memory",
        "shared_buffers = " + size(sharedBuffers()),
        "# Huge pages are not counted in the container's memory limit, and 'try' has crashed",
        "# servers with SIGBUS on nodes that offer them.",
        "huge_pages = off",
        "effective_cache_size = " + size(effectiveCacheSize()),
        "work_mem = " + kilobytes(workMemKilobytes()),
        "maintenance_work_mem = " + size(maintenanceWorkMem()),
        "dynamic_shared_memory_type = posix",
        "",
        "# Write-ahead log and checkpoints",
        "wal_buffers = " + size(walBuffers()),
        "min_wal_size = " + size(minWalSize()),
        "max_wal_size = " + size(maxWalSize()),
        "checkpoint_completion_target = 0.9",
        "",
        "# Planner: volumes are SSD-backed",
        "random_page_cost = 1.1",
        "effective_io_concurrency = 200",
        "",
        "# Logging: to stderr, which the container runtime collects",
        "log_destination = 'stderr'",
        "logging_collector = off",
        "log_min_duration_statement = " + slow,
        "log_line_prefix = '%m [%p] %q%u@%d '",
        "log_lock_waits = on",
        "log_timezone = 'UTC'",
        "",
        "# Locale and time: UTC and untranslated messages, whatever the host",
        "datestyle = 'iso, mdy'",
        "timezone = 'UTC'",
        "lc_messages = 'C.UTF-8'",
        "lc_monetary = 'C.UTF-8'",
        "lc_numeric = 'C.UTF-8'",
        "lc_time = 'C.UTF-8'",
        "default_text_search_config = 'pg_catalog.english'",
        "");
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  // PostgreSQL's units are binary (1MB = 1024kB) although written without the "i".
  private static String size(Memory memory) {
    long mib = memory.mebibytes();
    return mib % 1024 == 0 ? (mib / 1024) + "GB" : mib + "MB";
  }

  private static String kilobytes(long kb) {
    return kb % 1024 == 0 ? size(Memory.mebibytes(kb / 1024)) : kb + "kB";
  }
}
