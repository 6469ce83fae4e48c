package io.stackwright.model;

/**
 * The real program that reads a generated config file in the validation gate, as the image that
 * mounts the file would read it (docs/validation.md). A checker's layer runs when its program is
 * installed ({@code scripts/install-validators}), is skipped with a word otherwise, and is required
 * under {@code -Dvalidate=strict} and in CI.
 */
public enum ConfigChecker {
  /** No program checks the file. The default for a stack's own files. */
  NONE,
  /** {@code nginx -t} on an {@code nginx.conf}. */
  NGINX,
  /** {@code promtool check config} on a {@code prometheus.yml}. */
  PROMETHEUS,
  /** {@code redis-server} loads a {@code redis.conf}; {@code CONFIG GET} reads its values back. */
  REDIS,
  /** PostgreSQL starts with a {@code postgresql.conf}; {@code SHOW} reads its values back. */
  POSTGRESQL,
  /**
   * SQL the image runs on the first start of an empty data folder: run, in name order, on a
   * throwaway server started with the same service's {@code postgresql.conf}, in the database and
   * as the user of its {@code POSTGRES_DB} and {@code POSTGRES_USER}.
   */
  POSTGRESQL_INIT
}
