package io.stackwright.services;

import io.stackwright.config.PostgresTuning;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.Memory;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
import io.stackwright.stack.Stack;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * PostgreSQL: a single-replica StatefulSet with its own volume on Kubernetes, a service with a
 * named volume in Compose. Runs as the image's {@code postgres} user (999) with a read-only root
 * filesystem; only the data volume, {@code /var/run/postgresql} and {@code /tmp} are writable.
 *
 * <p>Its {@code postgresql.conf} is derived from the memory limit, connections and volume of the
 * environment; a stack adds extensions, SQL run on the first start and settings of its own with
 * {@link PostgresOptions}, and backups come from {@link PostgresProps#backup()}: any of them, or
 * all together. Init scripts run only on the first start of an empty data volume, as the image runs
 * them.
 */
public final class Postgres {
  /** The image used when the environment file names none: pinned, Debian-based. */
  public static final String DEFAULT_IMAGE = "postgres:16.6";

  /** PostgreSQL's port. */
  public static final int PORT = 5432;

  /** The {@code postgres} user and group of the official image. */
  public static final int POSTGRES_UID = 999;

  private static final String DATA_DIR = "/var/lib/postgresql/data";

  /** Where the image's entrypoint finds the scripts it runs on the first start. */
  private static final String INIT_DIR = "/docker-entrypoint-initdb.d/";

  /** Statements slower than this are logged. */
  private static final int SLOW_QUERY_MILLIS = 500;

  private static final Resources BACKUP_RESOURCES =
      new Resources(
          Cpu.millis(100), Memory.mebibytes(256), Cpu.millis(1000), Memory.mebibytes(256));

  private final String name;
  private final PostgresProps props;
  private final SecretFile password;

  /**
   * Adds PostgreSQL to the stack as the service {@code postgres}.
   *
   * @param stack the stack
   * @param props the environment's settings
   */
  public Postgres(Stack stack, PostgresProps props) {
    this(stack, "postgres", props);
  }

  /**
   * Adds PostgreSQL to the stack under another name.
   *
   * @param stack the stack
   * @param name the service name
   * @param props the environment's settings
   */
  public Postgres(Stack stack, String name, PostgresProps props) {
    this(stack, name, props, PostgresOptions.NONE);
  }

  /**
   * Adds PostgreSQL to the stack with extensions, init scripts and settings of the stack's own.
   *
   * @param stack the stack
   * @param name the service name
   * @param props the environment's settings
   * @param options what the stack adds in code; {@link PostgresOptions#NONE} for nothing
   */
  public Postgres(Stack stack, String name, PostgresProps props, PostgresOptions options) {
    this.name = name;
    this.props = props;
    this.password = new SecretFile(name + "-password", props.passwordSecret(), "password");
    List<String> ready =
        List.of(
            "pg_isready",
            "-h",
            "127.0.0.1",
            "-p",
            Integer.toString(PORT),
            "-U",
            props.user(),
            "-d",
            props.database());
    PostgresTuning tuning =
        PostgresTuning.forLimit(
            props.effectiveResources().memoryLimit(), props.maxConnections(), props.storage());
    GenericService.Builder service =
        GenericService.builder(name)
            .component("database")
            .image(props.image())
            .volume("data", DATA_DIR, props.storage(), props.storageClass())
            .port("postgres", PORT)
            .env("POSTGRES_DB", props.database())
            .env("POSTGRES_USER", props.user())
            // A sub-directory, because the mount point of a fresh volume is not empty (lost+found)
            // and initdb refuses a non-empty directory.
            .env("PGDATA", DATA_DIR + "/pgdata")
            .args(List.of("postgres", "-c", "config_file=" + PostgresTuning.CONFIG_PATH))
            .config(
                PostgresTuning.CONFIG_PATH,
                tuning.postgresqlConf(SLOW_QUERY_MILLIS, settings(options)),
                ConfigChecker.POSTGRESQL)
            .secret(password, "POSTGRES_PASSWORD_FILE")
            .writable("/tmp")
            // Parallel queries share memory through /dev/shm, which container runtimes give 64MB.
            .writableInMemory("/dev/shm", sharedMemory(props.effectiveResources().memoryLimit()))
            .writable("/var/run/postgresql")
            .readiness(new Probe(new Probe.Exec(ready), 10, 5, 3))
            .liveness(new Probe(new Probe.Exec(ready), 20, 5, 6))
            .startupSeconds(120)
            .resources(props.effectiveResources())
            .runAs(POSTGRES_UID, POSTGRES_UID);
    if (!options.extensions().isEmpty()) {
      service.config(
          INIT_DIR + PostgresOptions.EXTENSIONS_FILE,
          options.extensionsSql(),
          ConfigChecker.POSTGRESQL_INIT);
    }
    options
        .initSql()
        .forEach(
            (file, sql) -> service.config(INIT_DIR + file, sql, ConfigChecker.POSTGRESQL_INIT));
    if (props.backup() != null) {
      service.job(backupJob(props));
    }
    service.madeFrom(props, UnaryOperator.identity()).addTo(stack);
  }

  /** The stack's settings, with the libraries its extensions need loaded at start. */
  private static Map<String, String> settings(PostgresOptions options) {
    Map<String, String> settings = new TreeMap<>(options.settings());
    List<String> preload = options.preloadLibraries();
    if (!preload.isEmpty()) {
      settings.put("shared_preload_libraries", String.join(",", preload));
    }
    return settings;
  }

  /**
   * A nightly-style {@code pg_dump} in PostgreSQL's custom format (compressed, restorable table by
   * table with {@code pg_restore}), written under a temporary name and renamed when complete, then
   * dumps older than the retention are deleted.
   */
  private ScheduledJob backupJob(PostgresProps props) {
    BackupProps backup = props.backup();
    String script =
        "set -eu\n"
            // A dump that failed half-way is never kept, nor left to fill the volume.
            + "rm -f /backups/*.partial\n"
            + "export PGPASSWORD=\"$(cat "
            + password.path()
            + ")\"\n"
            + "f=\"/backups/"
            + props.database()
            + "-$(date -u +%Y%m%dT%H%M%SZ).dump\"\n"
            + "pg_dump --format=custom --file=\"$f.partial\"\n"
            + "mv \"$f.partial\" \"$f\"\n"
            + "find /backups -name '"
            + props.database()
            + "-*.dump' -mtime +"
            + (backup.retentionDays() - 1)
            + " -delete\n";
    Map<String, EnvValue> env = new TreeMap<>();
    env.put("PGHOST", endpoint().host());
    env.put("PGPORT", endpoint().portValue());
    env.put("PGDATABASE", database());
    env.put("PGUSER", user());
    return new ScheduledJob(
        "backup",
        backup.schedule(),
        props.image(),
        List.of("sh", "-c", script),
        env,
        List.of(password),
        new PersistentData("backups", "/backups", backup.storage(), backup.storageClass()),
        BACKUP_RESOURCES,
        new ContainerSecurity(POSTGRES_UID, POSTGRES_UID),
        6 * 3600,
        List.of(name),
        "kept " + backup.retentionDays() + (backup.retentionDays() == 1 ? " day" : " days"));
  }

  /** A quarter of the memory limit, at least 64 MiB. */
  private static Memory sharedMemory(Memory limit) {
    return Memory.mebibytes(Math.max(64, limit.mebibytes() / 4));
  }

  /** {@return where clients connect} */
  public Endpoint endpoint() {
    return new Endpoint(name, PORT);
  }

  /** {@return the database clients use} */
  public EnvValue database() {
    return EnvValue.of(props.database());
  }

  /** {@return the user clients log in as} */
  public EnvValue user() {
    return EnvValue.of(props.user());
  }

  /** {@return the password, as a secret file clients mount too} */
  public SecretFile password() {
    return password;
  }
}
