package io.stackwright.services;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a stack adds to a {@link Postgres} in code, beside the environment's {@link PostgresProps}:
 * extensions, scripts run on the database's first start, and settings on top of the tuning derived
 * from its memory. All of them at once, and with backups, as any stack needs; every one optional.
 *
 * <pre>
 * new Postgres(stack, "db", props,
 *     PostgresOptions.builder()
 *         .extensions(PostgresExtension.UUID_OSSP, PostgresExtension.PG_STAT_STATEMENTS)
 *         .initSql("10-schema.sql", "CREATE TABLE ...;")
 *         .setting("log_statement", "ddl")
 *         .build());
 * </pre>
 *
 * @param extensions extensions enabled on the first start, in the database of {@link
 *     PostgresProps#database()}, before the init scripts run. Default: none
 * @param initSql SQL scripts run once, on the first start of an empty data volume, in name order
 *     after the extensions, as the database's owner; by file name ({@code 10-schema.sql}:
 *     lower-case letters, digits, {@code .}, {@code _} and {@code -}, ending in {@code .sql}).
 *     Default: none
 * @param settings {@code postgresql.conf} settings by name (lower case, such as {@code
 *     log_statement}, or a custom {@code app.region}), each replacing the derived value of the same
 *     name; values are one line of text, written quoted. Default: none
 */
public record PostgresOptions(
    List<PostgresExtension> extensions, Map<String, String> initSql, Map<String, String> settings) {

  /** The file the extensions are enabled by; it sorts before every init script of the stack. */
  static final String EXTENSIONS_FILE = "00-stackwright-extensions.sql";

  private static final Pattern SCRIPT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,100}\\.sql");
  private static final Pattern SETTING =
      Pattern.compile("[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62})?");

  /** No extension, script or setting. */
  public static final PostgresOptions NONE = new PostgresOptions(List.of(), Map.of(), Map.of());

  /**
   * Checks every name and value; copies and sorts the collections.
   *
   * @param extensions see {@link #extensions()}
   * @param initSql see {@link #initSql()}
   * @param settings see {@link #settings()}
   */
  public PostgresOptions {
    TreeSet<PostgresExtension> all = new TreeSet<>(extensions);
    // earthdistance is built on cube, and CREATE EXTENSION does not create what it requires; cube
    // comes first in this order.
    if (all.contains(PostgresExtension.EARTHDISTANCE)) {
      all.add(PostgresExtension.CUBE);
    }
    extensions = List.copyOf(all);
    for (Map.Entry<String, String> script : initSql.entrySet()) {
      if (!SCRIPT.matcher(script.getKey()).matches() || script.getKey().equals(EXTENSIONS_FILE)) {
        throw new IllegalArgumentException(
            "init script name \""
                + script.getKey()
                + "\" must be lower-case letters, digits, '.', '_' and '-', ending in .sql, such"
                + " as 10-schema.sql");
      }
      Objects.requireNonNull(script.getValue(), "the SQL of " + script.getKey());
    }
    initSql = Collections.unmodifiableMap(new TreeMap<>(initSql));
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      checkSetting(setting.getKey(), setting.getValue());
    }
    settings = Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  private static void checkSetting(String name, String value) {
    if (name == null || !SETTING.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "setting name \"" + name + "\" must be a postgresql.conf name such as log_statement");
    }
    if (name.equals("config_file") || name.equals("data_directory")) {
      throw new IllegalArgumentException(
          name + " is where the container keeps its files; it cannot be a setting of the stack");
    }
    if (value == null || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException(
          "setting " + name + ": the value must be one line of text without control characters");
    }
  }

  /** The libraries the server must load at start: {@code shared_preload_libraries}. */
  List<String> preloadLibraries() {
    List<String> libraries = new ArrayList<>();
    String given = settings.get("shared_preload_libraries");
    if (given != null) {
      for (String library : given.split(",")) {
        if (!library.isBlank()) {
          libraries.add(library.trim());
        }
      }
    }
    for (PostgresExtension extension : extensions) {
      if (extension.preload() && !libraries.contains(extension.sqlName())) {
        libraries.add(extension.sqlName());
      }
    }
    return libraries;
  }

  /** The script that enables the extensions; empty when there is none. */
  String extensionsSql() {
    StringBuilder sql = new StringBuilder();
    for (PostgresExtension extension : extensions) {
      sql.append("CREATE EXTENSION IF NOT EXISTS \"").append(extension.sqlName()).append("\";\n");
    }
    return sql.toString();
  }

  /** {@return a builder of options; nothing is required} */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link PostgresOptions}. */
  public static final class Builder {
    private final List<PostgresExtension> extensions = new ArrayList<>();
    private final Map<String, String> initSql = new LinkedHashMap<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Enables these extensions on the first start. Default: none.
     *
     * @param more the extensions
     * @return this builder
     */
    public Builder extensions(PostgresExtension... more) {
      extensions.addAll(List.of(more));
      return this;
    }

    /**
     * Runs this SQL once, on the first start, after the extensions. Default: none.
     *
     * @param fileName the script's name, such as {@code 10-schema.sql}; scripts run in name order
     * @param sql the SQL
     * @return this builder
     */
    public Builder initSql(String fileName, String sql) {
      if (initSql.putIfAbsent(fileName, sql) != null) {
        throw new IllegalArgumentException("two init scripts are named " + fileName);
      }
      return this;
    }

    /**
     * Sets a {@code postgresql.conf} setting, replacing a derived one. Default: none.
     *
     * @param name the setting, such as {@code log_statement}
     * @param value its value, one line of text
     * @return this builder
     */
    public Builder setting(String name, String value) {
      settings.put(Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT), value);
      return this;
    }

    /** {@return the options} */
    public PostgresOptions build() {
      return new PostgresOptions(extensions, initSql, settings);
    }
  }
}
