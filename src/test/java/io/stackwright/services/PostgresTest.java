package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.output.SynthOutput;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL composes with what a stack adds in code (extensions, init scripts, settings) and keeps
 * its derived tuning and its backups alongside them.
 */
class PostgresTest {

  private static SynthOutput render(PostgresOptions options) {
    return render(new BackupProps("0 2 * * *", 30, null, null), options);
  }

  private static SynthOutput render(BackupProps backup, PostgresOptions options) {
    Stack stack = new Stack("team", "prod", "team-prod", false);
    new Postgres(
        stack,
        "db",
        new PostgresProps(null, null, null, null, null, null, null, null, backup),
        options);
    return Synthesizer.render(stack.toModel());
  }

  private static final PostgresOptions TEAM =
      PostgresOptions.builder()
          .extensions(
              PostgresExtension.UUID_OSSP,
              PostgresExtension.PGCRYPTO,
              PostgresExtension.PG_STAT_STATEMENTS,
              PostgresExtension.PG_TRGM)
          .initSql("10-schema.sql", "CREATE TABLE accounts (id uuid PRIMARY KEY);\n")
          .setting("log_statement", "ddl")
          .setting("work_mem", "64MB")
          .build();

  @Test
  void extensionsInitScriptsSettingsAndBackupsTogether() {
    SynthOutput output = render(TEAM);
    String conf = output.text("compose/config/db/postgresql.conf");

    assertThat(conf)
        .contains("shared_buffers = ")
        .contains("\nwork_mem = '64MB'  # set by the stack, in place of work_mem = ")
        .contains(
            "\n# Set by the stack\nlog_statement = 'ddl'\nshared_preload_libraries ="
                + " 'pg_stat_statements'\n")
        .endsWith("'pg_stat_statements'\n");
    assertThat(output.text("compose/config/db/00-stackwright-extensions.sql"))
        .isEqualTo(
            "CREATE EXTENSION IF NOT EXISTS \"pg_stat_statements\";\n"
                + "CREATE EXTENSION IF NOT EXISTS \"pg_trgm\";\n"
                + "CREATE EXTENSION IF NOT EXISTS \"pgcrypto\";\n"
                + "CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n");
    assertThat(output.text("db.yaml"))
        .contains("mountPath: /docker-entrypoint-initdb.d/00-stackwright-extensions.sql")
        .contains("mountPath: /docker-entrypoint-initdb.d/10-schema.sql")
        .contains("CREATE TABLE accounts")
        .contains("kind: CronJob");
    assertThat(output.text("compose/compose.yaml"))
        .contains("target: /docker-entrypoint-initdb.d/10-schema.sql");
  }

  @Test
  void aStackOwnPreloadIsKeptBesideTheExtensionsOne() {
    SynthOutput output =
        render(
            PostgresOptions.builder()
                .extensions(PostgresExtension.PG_STAT_STATEMENTS)
                .setting("shared_preload_libraries", "auto_explain")
                .build());

    assertThat(output.text("compose/config/db/postgresql.conf"))
        .contains("shared_preload_libraries = 'auto_explain,pg_stat_statements'");
  }

  @Test
  void earthdistanceBringsTheCubeItIsBuiltOn() {
    PostgresOptions options =
        PostgresOptions.builder().extensions(PostgresExtension.EARTHDISTANCE).build();

    assertThat(options.extensions())
        .containsExactly(PostgresExtension.CUBE, PostgresExtension.EARTHDISTANCE);
  }

  @Test
  void valuesAreQuotedAndNamesChecked() {
    assertThat(
            render(PostgresOptions.builder().setting("app.greeting", "it's C:\\x").build())
                .text("compose/config/db/postgresql.conf"))
        .contains("app.greeting = 'it''s C:\\\\x'");
    assertThatThrownBy(() -> PostgresOptions.builder().setting("log statement", "all").build())
        .hasMessageContaining("must be a postgresql.conf name");
    assertThatThrownBy(
            () ->
                PostgresOptions.builder()
                    .setting("log_statement", "all'\nlisten_addresses='*")
                    .build())
        .hasMessageContaining("one line of text");
    assertThatThrownBy(() -> PostgresOptions.builder().setting("config_file", "/tmp/x").build())
        .hasMessageContaining("cannot be a setting of the stack");
    assertThatThrownBy(() -> PostgresOptions.builder().initSql("../x.sql", "").build())
        .hasMessageContaining("ending in .sql");
    assertThatThrownBy(() -> PostgresOptions.builder().initSql("setup.sh", "").build())
        .hasMessageContaining("ending in .sql");
  }

  @Test
  void withoutOptionsTheOutputIsAsBefore() {
    SynthOutput output = render(PostgresOptions.NONE);

    assertThat(output.text("compose/config/db/postgresql.conf"))
        .doesNotContain("Set by the stack")
        .doesNotContain("shared_preload_libraries");
    assertThat(output.files().keySet()).noneMatch(f -> f.endsWith(".sql"));
  }

  @Test
  void aBackupScheduleGivenAsADescriptorIsRenderedAsItsFields() {
    SynthOutput output = render(new BackupProps("@daily", 7, null, null), PostgresOptions.NONE);

    assertThat(output.text("db.yaml")).contains("schedule: 0 0 * * *");
  }
}
