package io.stackwright.services;

import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Probe;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.stack.Stack;
import java.util.List;

/**
 * PostgreSQL: a single-replica StatefulSet with its own volume on Kubernetes, a service with a
 * named volume in Compose. Runs as the image's {@code postgres} user (999) with a read-only root
 * filesystem; only the data volume, {@code /var/run/postgresql} and {@code /tmp} are writable.
 */
public final class Postgres {
  /** The image used when the environment file names none: pinned, Debian-based. */
  public static final String DEFAULT_IMAGE = "postgres:16.6";

  /** PostgreSQL's port. */
  public static final int PORT = 5432;

  /** The {@code postgres} user and group of the official image. */
  public static final int POSTGRES_UID = 999;

  private static final String DATA_DIR = "/var/lib/postgresql/data";

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
    stack.add(
        ServiceModel.builder(name)
            .component("database")
            .image(props.image())
            .statefulWith(
                new PersistentData("data", DATA_DIR, props.storage(), props.storageClass()))
            .port("postgres", PORT)
            .env("POSTGRES_DB", props.database())
            .env("POSTGRES_USER", props.user())
            // A sub-directory, because the mount point of a fresh volume is not empty (lost+found)
            // and initdb refuses a non-empty directory.
            .env("PGDATA", DATA_DIR + "/pgdata")
            .secret(password, "POSTGRES_PASSWORD_FILE")
            .writable("/tmp")
            .writable("/var/run/postgresql")
            .readiness(new Probe(new Probe.Exec(ready), 10, 5, 3))
            .liveness(new Probe(new Probe.Exec(ready), 20, 5, 6))
            .startupSeconds(120)
            .resources(props.effectiveResources())
            .runAs(POSTGRES_UID, POSTGRES_UID)
            .build());
  }

  /** Where clients connect. */
  public Endpoint endpoint() {
    return new Endpoint(name, PORT);
  }

  /** The database clients use. */
  public EnvValue database() {
    return EnvValue.of(props.database());
  }

  /** The user clients log in as. */
  public EnvValue user() {
    return EnvValue.of(props.user());
  }

  /** The password, as a secret file clients mount too. */
  public SecretFile password() {
    return password;
  }
}
