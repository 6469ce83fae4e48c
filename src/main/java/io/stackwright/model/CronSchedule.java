package io.stackwright.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a CronJob schedule as the Kubernetes API server does, so that what it accepts we accept
 * and what it refuses never reaches {@code dist/}: the standard five fields (minute, hour, day of
 * month, month, day of week) of the cron library it uses, or a descriptor such as {@code @daily},
 * and no {@code TZ=} or {@code CRON_TZ=} (the API server refuses a time zone in the schedule). One
 * deliberate difference: {@code @every <duration>}, which the API server takes, is refused, as its
 * runs are counted from whenever the controller started.
 *
 * <p>Each field is a comma-separated list of {@code *}, {@code ?}, {@code n} or {@code n-m}, each
 * with an optional {@code /step}; numbers must lie in the field's range (minute 0–59, hour 0–23,
 * day 1–31, month 1–12 or {@code jan}–{@code dec}, weekday 0–6 or {@code sun}–{@code sat}), a range
 * must not run backwards, and a step must be positive. Empty list items are skipped, as the API
 * server skips them.
 */
public final class CronSchedule {

  private record Field(String name, int min, int max, Map<String, Integer> names) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, Map.of()),
          new Field("hour", 0, 23, Map.of()),
          new Field("day of month", 1, 31, Map.of()),
          new Field(
              "month",
              1,
              12,
              Map.ofEntries(
                  Map.entry("jan", 1),
                  Map.entry("feb", 2),
                  Map.entry("mar", 3),
                  Map.entry("apr", 4),
                  Map.entry("may", 5),
                  Map.entry("jun", 6),
                  Map.entry("jul", 7),
                  Map.entry("aug", 8),
                  Map.entry("sep", 9),
                  Map.entry("oct", 10),
                  Map.entry("nov", 11),
                  Map.entry("dec", 12))),
          new Field(
              "day of week",
              0,
              6,
              Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6)));

  /** The descriptors, each with the five fields it stands for in the API server's library. */
  private static final Map<String, String> DESCRIPTORS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  /** What Go's {@code strings.Fields} splits on: Unicode white space. */
  private static final Pattern SPACE =
      Pattern.compile(
          "[\\t\\n\\u000B\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]+");

  private static final Pattern DIGITS = Pattern.compile("\\+?\\d+");

  /** A hint that shows the form, for messages. */
  public static final String HINT =
      "write minute hour day-of-month month day-of-week, such as \"30 2 * * *\" (02:30 daily),"
          + " or a descriptor such as @daily";

  private CronSchedule() {}

  /**
   * What is wrong with {@code schedule}, or {@code null} when the API server accepts it.
   *
   * @param schedule the schedule, as written into the CronJob
   * @return the problem in one sentence, naming the field when one is wrong; {@code null} when
   *     there is none
   */
  public static String problem(String schedule) {
    if (schedule == null || schedule.isEmpty()) {
      return "the schedule is empty";
    }
    if (schedule.contains("TZ")) {
      return "a schedule cannot set a time zone (TZ or CRON_TZ); it runs in the cluster's time zone";
    }
    if (schedule.startsWith("@")) {
      return descriptorProblem(schedule);
    }
    String[] fields = split(schedule);
    if (fields.length != FIELDS.size()) {
      return "expected exactly 5 fields, found " + fields.length;
    }
    for (int i = 0; i < fields.length; i++) {
      String problem = fieldProblem(fields[i], FIELDS.get(i));
      if (problem != null) {
        return FIELDS.get(i).name() + " \"" + fields[i] + "\": " + problem;
      }
    }
    return null;
  }

  private static String descriptorProblem(String schedule) {
    if (DESCRIPTORS.containsKey(schedule)) {
      return null;
    }
    if (schedule.startsWith("@every ")) {
      // Accepted by the API server, but it runs at intervals counted from when the controller
      // happened to start, not at times a reviewer can read from the schedule.
      return "@every is not supported: its runs are counted from whenever the controller started;"
          + " write the times as five fields, such as \"*/30 * * * *\"";
    }
    return "unknown descriptor; use one of "
        + String.join(", ", new java.util.TreeSet<>(DESCRIPTORS.keySet()))
        + ", or five fields";
  }

  /**
   * The five fields of a schedule {@link #problem} accepts, a descriptor written as the fields it
   * stands for ({@code @daily} is {@code 0 0 * * *}).
   *
   * @param schedule a schedule {@link #problem} accepts
   * @return minute, hour, day of month, month and day of week
   */
  public static List<String> fields(String schedule) {
    String expanded = DESCRIPTORS.getOrDefault(schedule, schedule);
    return List.of(split(expanded));
  }

  /**
   * {@code schedule} without the white space around it, as Go's {@code strings.Fields} sees it
   * (Java's {@code trim} also strips control characters, which Go keeps in a field and refuses).
   *
   * @param schedule a schedule as written
   * @return the schedule without white space around it
   */
  public static String strip(String schedule) {
    return schedule.replaceAll("^" + SPACE.pattern(), "").replaceAll(SPACE.pattern() + "$", "");
  }

  private static String[] split(String schedule) {
    String stripped = strip(schedule);
    return stripped.isEmpty() ? new String[0] : SPACE.split(stripped);
  }

  private static String fieldProblem(String field, Field bounds) {
    for (String item : field.split(",")) {
      if (item.isEmpty()) {
        continue;
      }
      String problem = rangeProblem(item, bounds);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String rangeProblem(String item, Field bounds) {
    String[] rangeAndStep = item.split("/", -1);
    if (rangeAndStep.length > 2) {
      return "too many slashes in \"" + item + "\"";
    }
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    int start;
    int end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = bounds.min();
      end = bounds.max();
    } else {
      if (lowAndHigh.length > 2) {
        return "too many hyphens in \"" + item + "\"";
      }
      Integer low = number(lowAndHigh[0], bounds);
      Integer high = lowAndHigh.length == 2 ? number(lowAndHigh[1], bounds) : low;
      if (low == null || high == null) {
        return "\"" + item + "\" is not a number, a name or a range of them";
      }
      start = low;
      end = high;
    }
    int step = 1;
    if (rangeAndStep.length == 2) {
      Integer parsed = number(rangeAndStep[1], null);
      if (parsed == null) {
        return "the step of \"" + item + "\" is not a number";
      }
      step = parsed;
      if (lowAndHigh.length == 1) {
        end = bounds.max();
      }
    }
    if (start < bounds.min()) {
      return start + " is below the minimum, " + bounds.min();
    }
    if (end > bounds.max()) {
      return end + " is above the maximum, " + bounds.max();
    }
    if (start > end) {
      return "the range \"" + item + "\" runs backwards";
    }
    if (step == 0) {
      return "the step of \"" + item + "\" must be positive";
    }
    return null;
  }

  /**
   * A number or, where the field has them, a name; {@code null} when it is neither. Any number of
   * digits, as Go's {@code Atoi} takes them ({@code 0005} is 5); one too large for a field comes
   * back as {@link Integer#MAX_VALUE}, which every range check refuses.
   */
  private static Integer number(String text, Field bounds) {
    if (bounds != null) {
      Integer named = bounds.names().get(text.toLowerCase(Locale.ROOT));
      if (named != null) {
        return named;
      }
    }
    if (!DIGITS.matcher(text).matches()) {
      return null;
    }
    java.math.BigInteger value = new java.math.BigInteger(text.replace("+", ""));
    return value.bitLength() < 31 ? value.intValue() : Integer.MAX_VALUE;
  }
}
