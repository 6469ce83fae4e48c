package io.stackwright.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of a {@code postgresql.conf} against what the server made of them: the file's
 * settings, what single-user mode answered to {@code SHOW} for each, and the findings when the two
 * differ (sizes and times compared in base units, text without regard to case) or the server would
 * not start with the file.
 */
final class PostgresSettings {
  /** {@code name = value}, the value quoted or a single word; a comment may follow. */
  private static final Pattern SETTING =
      Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s*=?\\s*('(?:[^']|'')*'|[^#\\s]+)");

  /** What single-user mode prints for each value: {@code 1: name = "value"}. */
  private static final Pattern SHOWN = Pattern.compile("^\\s*1: ([A-Za-z_.]+) = \"(.*)\"\\s.*$");

  private static final Pattern QUANTITY =
      Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)?");

  private PostgresSettings() {}

  /** The file's settings and their values (unquoted), in file order; the last one wins. */
  static Map<String, String> settings(String content) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      Matcher m = SETTING.matcher(line);
      if (!line.strip().startsWith("#") && m.find()) {
        String value = m.group(2);
        if (value.startsWith("'")) {
          value = value.substring(1, value.length() - 1).replace("''", "'");
        }
        settings.put(m.group(1).toLowerCase(Locale.ROOT), value);
      }
    }
    return settings;
  }

  /** The values single-user mode printed for each {@code SHOW}. */
  static Map<String, String> shown(String output) {
    Map<String, String> shown = new LinkedHashMap<>();
    for (String line : output.split("\n")) {
      Matcher m = SHOWN.matcher(line);
      if (m.matches()) {
        shown.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
      }
    }
    return shown;
  }

  /** A finding for each setting whose {@code SHOW} answers nothing, or not the file's value. */
  static List<Finding> compare(
      GeneratedConfig config, Map<String, String> settings, Map<String, String> shown) {
    List<Finding> findings = new ArrayList<>();
    settings.forEach(
        (name, value) -> {
          String actual = shown.get(name.toLowerCase(Locale.ROOT));
          if (actual == null) {
            findings.add(config.finding(Layer.POSTGRESQL, "SHOW " + name + " answers nothing"));
          } else if (!same(value, actual)) {
            findings.add(
                config.finding(
                    Layer.POSTGRESQL,
                    "SHOW "
                        + name
                        + " answers \""
                        + actual
                        + "\", the file says \""
                        + value
                        + "\""));
          }
        });
    return findings;
  }

  /** The server's complaints about the file: its LOG, ERROR and FATAL lines. */
  static List<Finding> complaints(GeneratedConfig config, String output) {
    List<Finding> findings = new ArrayList<>();
    for (String line : output.split("\n")) {
      Matcher m = Pattern.compile("(LOG|ERROR|FATAL):\\s+(.*)").matcher(line);
      if (m.find()
          && !m.group(2).startsWith("checkpoint")
          && !m.group(2).startsWith("database system")) {
        findings.add(config.finding(Layer.POSTGRESQL, "postgres: " + m.group(2).strip()));
      }
    }
    if (findings.isEmpty()) {
      findings.add(config.finding(Layer.POSTGRESQL, "postgres did not start: " + output.strip()));
    }
    return findings;
  }

  /** Whether {@code SHOW}'s answer is the file's value. */
  static boolean same(String file, String shown) {
    if (file.equalsIgnoreCase(shown)) {
      return true;
    }
    Double a = base(file);
    Double b = base(shown);
    return a != null && a.equals(b);
  }

  /** A size in bytes or a time in microseconds; {@code null} for anything else. */
  private static Double base(String value) {
    Matcher m = QUANTITY.matcher(value.strip());
    if (!m.matches()) {
      return null;
    }
    double n = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "" : m.group(2);
    double factor =
        switch (unit) {
          case "kB" -> 1024;
          case "MB" -> 1024.0 * 1024;
          case "GB" -> 1024.0 * 1024 * 1024;
          case "TB" -> 1024.0 * 1024 * 1024 * 1024;
          case "ms" -> 1000;
          case "s" -> 1000_000;
          case "min" -> 60e6;
          case "h" -> 3600e6;
          case "d" -> 86400e6;
          default -> 1;
        };
    return n * factor;
  }
}
