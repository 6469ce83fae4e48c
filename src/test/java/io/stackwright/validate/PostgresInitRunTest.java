package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.services.BackupProps;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresExtension;
import io.stackwright.services.PostgresOptions;
import io.stackwright.services.PostgresProps;
import io.stackwright.stack.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A stack's PostgreSQL init scripts run on the PostgreSQL of the image's version as its first start
 * runs them: extensions (with the libraries they preload) and the stack's SQL, in the database and
 * as the user of the service, stopping at the first error.
 */
class PostgresInitRunTest {

  private static List<Finding> check(PostgresOptions options) throws Exception {
    Stack stack = new Stack("team", "prod", "team-prod", false);
    PostgresProps props =
        new PostgresProps(
            null,
            "orders",
            "team",
            null,
            null,
            null,
            null,
            null,
            new BackupProps(null, null, null, null));
    new Postgres(stack, "db", props, options);
    List<GeneratedConfig> configs = GeneratedConfig.of(stack.toModel());
    Programs programs = InstalledTools.requirePrograms(Programs::postgresqlMissing);
    return new PostgresCheck(programs.postgresql()).check(Map.of("prod", configs)).get("prod");
  }

  @Test
  void extensionsPreloadAndTheStacksSqlRunInItsDatabaseAsItsUser() throws Exception {
    List<Finding> findings =
        check(
            PostgresOptions.builder()
                .extensions(
                    PostgresExtension.UUID_OSSP,
                    PostgresExtension.PGCRYPTO,
                    PostgresExtension.PG_STAT_STATEMENTS,
                    PostgresExtension.PG_TRGM)
                .initSql(
                    "10-schema.sql",
                    """
                    CREATE TABLE accounts (
                      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
                      email text NOT NULL,
                      secret bytea DEFAULT gen_random_bytes(16)
                    );
                    CREATE INDEX accounts_email ON accounts USING gin (email gin_trgm_ops);
                    DO $$ BEGIN
                      IF current_database() <> 'orders' OR current_user <> 'team' THEN
                        RAISE EXCEPTION 'ran in % as %', current_database(), current_user;
                      END IF;
                    END $$;
                    """)
                .initSql("20-stats.sql", "SELECT count(*) FROM pg_stat_statements;\n")
                .setting("log_statement", "ddl")
                .build());

    assertThat(findings).isEmpty();
  }

  @Test
  void aScriptThatFailsIsNamedAndTheRestDoesNotRun() throws Exception {
    List<Finding> findings =
        check(
            PostgresOptions.builder()
                .initSql("10-schema.sql", "CREATE TABLE t (id int);\nCREATE TABLEE u (id int);\n")
                .initSql("20-more.sql", "CREATE TABLE t (id int);\n")
                .build());

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.layer()).isEqualTo(Layer.POSTGRESQL);
              assertThat(f.file()).isEqualTo("compose/config/db/10-schema.sql");
              assertThat(f.message())
                  .contains("the first start stops here")
                  .contains("syntax error at or near \"TABLEE\"");
            });
  }

  @Test
  void anExtensionThatNeedsPreloadingFailsWithoutIt() throws Exception {
    // The stack's own setting replaces the preload the extension asked for: the view fails.
    List<Finding> findings =
        check(
            PostgresOptions.builder()
                .initSql(
                    "10-stats.sql",
                    "CREATE EXTENSION pg_stat_statements;\nSELECT * FROM pg_stat_statements;\n")
                .build());

    assertThat(findings)
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("pg_stat_statements must be loaded"));
  }
}
