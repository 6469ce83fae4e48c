package io.stackwright.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a CronJob schedule as the Kubernetes API server does, so that what it accepts we accept and
 * what it refuses never reaches {@code dist/}: the standard five fields (minute, hour, day of month,
 * month, day of week) of the cron library it uses, or a descriptor such as {@code @daily} or {@code
 * @every 1h30m}, and no {@code TZ=} or {@code CRON_TZ=} (the API server refuses a time zone in the
 * schedule).
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

  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  /** A Go duration, as {@code @every} takes it: {@code 90s}, {@code 1h30m}, {@code 1.5h}. */
  private static final Pattern DURATION =
      Pattern.compile("[-+]?(0|((\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+)");

  private static final Pattern DIGITS = Pattern.compile("\\+?\\d{1,9}");

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
    String[] fields = schedule.trim().split("\\s+");
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
    if (DESCRIPTORS.contains(schedule)) {
      return null;
    }
    if (schedule.startsWith("@every ")) {
      String duration = schedule.substring("@every ".length());
      return DURATION.matcher(duration).matches()
          ? null
          : "\"" + duration + "\" is not a duration such as 90s or 1h30m";
    }
    return "unknown descriptor; use one of "
        + String.join(", ", DESCRIPTORS)
        + " or @every <duration>";
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

  /** A number or, where the field has them, a name; {@code null} when it is neither. */
  private static Integer number(String text, Field bounds) {
    if (bounds != null) {
      Integer named = bounds.names().get(text.toLowerCase(Locale.ROOT));
      if (named != null) {
        return named;
      }
    }
    return DIGITS.matcher(text).matches() ? Integer.parseInt(text) : null;
  }
}
