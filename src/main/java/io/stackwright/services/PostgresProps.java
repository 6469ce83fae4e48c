package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Names;
import io.stackwright.model.Resources;
import java.util.regex.Pattern;

/**
 * What an environment file may set for PostgreSQL ({@code postgres:}). Every key is optional.
 *
 * @param image container image. Default: {@value Postgres#DEFAULT_IMAGE}, the official Debian-based
 *     image, whose {@code postgres} user is uid/gid 999: the container runs as that user, never as
 *     root.
 * @param database database created on first start. Default: {@code app}.
 * @param user owner of that database. Default: {@code app}.
 * @param storage capacity of the data volume (Kubernetes). Default: {@code 1Gi}.
 * @param storageClass Kubernetes StorageClass of the data volume. Default: the cluster's default.
 * @param resources requests and limits. Default: cpu 250m (limit 1), memory 512Mi (limit 512Mi).
 * @param passwordSecret Kubernetes Secret holding the password under the key {@code password}.
 *     Outside development it must exist before the stack is applied. Default: {@code
 *     postgres-credentials}.
 * @param maxConnections most client connections, 10–5000; {@code work_mem} is sized from it.
 *     Default: 100.
 * @param backup scheduled backups (Kubernetes). Default: none.
 */
public record PostgresProps(
    ImageRef image,
    String database,
    String user,
    Memory storage,
    String storageClass,
    ResourcesProps resources,
    String passwordSecret,
    Integer maxConnections,
    BackupProps backup) {

  /** Default requests and limits. */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(
          Cpu.millis(250), Memory.mebibytes(512), Cpu.millis(1000), Memory.mebibytes(512));

  /** Memory a connection needs beside shared buffers, for the limit check. */
  private static final int MIB_PER_CONNECTION = 2;

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  /** {@return every key at its default, as for a missing section} */
  public static PostgresProps defaults() {
    return new PostgresProps(null, null, null, null, null, null, null, null, null);
  }

  /**
   * Applies the defaults and checks names.
   *
   * @param image see {@link #image()}
   * @param database see {@link #database()}
   * @param user see {@link #user()}
   * @param storage see {@link #storage()}
   * @param storageClass see {@link #storageClass()}
   * @param resources see {@link #resources()}
   * @param passwordSecret see {@link #passwordSecret()}
   * @param maxConnections see {@link #maxConnections()}
   * @param backup see {@link #backup()}
   */
  public PostgresProps {
    image = image == null ? ImageRef.parse(Postgres.DEFAULT_IMAGE) : image;
    database = identifier("database", database);
    user = identifier("user", user);
    storage = storage == null ? Memory.gibibytes(1) : storage;
    if (storage.compareTo(Memory.mebibytes(64)) < 0) {
      throw new InvalidPropException(
          "storage", "storage " + storage + " is too small for PostgreSQL", "use at least 64Mi");
    }
    Range.storageClass(storageClass);
    passwordSecret = passwordSecret == null ? "postgres-credentials" : passwordSecret;
    if (!Names.isLabel(passwordSecret)) {
      throw new InvalidPropException(
          "passwordSecret",
          "\"" + passwordSecret + "\" is not a valid Secret name",
          "use lower-case letters, digits and '-', at most 63 characters");
    }
    resources = ResourcesProps.complete(resources, DEFAULT_RESOURCES);
    maxConnections = Range.check("maxConnections", maxConnections, 100, 10, 5000);
    // Each connection is a process of a few MiB besides shared_buffers (a quarter of the limit).
    long perConnection = resources.toResources().memoryLimit().mebibytes() * 3 / 4 / maxConnections;
    if (perConnection < MIB_PER_CONNECTION) {
      long most = resources.toResources().memoryLimit().mebibytes() * 3 / 4 / MIB_PER_CONNECTION;
      throw new InvalidPropException(
          "maxConnections",
          maxConnections
              + " connections do not fit in a memory limit of "
              + resources.toResources().memoryLimit()
              + " (each needs about "
              + MIB_PER_CONNECTION
              + " MiB beside shared_buffers)",
          "lower maxConnections to at most " + most + ", or raise resources.memoryLimit");
    }
  }

  /** {@return requests and limits with the defaults applied} */
  public Resources effectiveResources() {
    return resources.toResources();
  }

  private static String identifier(String key, String value) {
    String v = value == null ? "app" : value;
    if (!IDENTIFIER.matcher(v).matches()) {
      throw new InvalidPropException(
          key,
          "\"" + v + "\" is not a plain PostgreSQL identifier",
          "use lower-case letters, digits and '_', starting with a letter, at most 63 characters");
    }
    return v;
  }
}
