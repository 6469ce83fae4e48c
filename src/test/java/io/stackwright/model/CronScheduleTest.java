package io.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Schedules as the Kubernetes API server judges them (its cron library's standard parser, and no
 * time zone in the schedule): what it accepts is accepted, what it refuses is refused with why.
 */
class CronScheduleTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "30 2 * * *",
        "*/15 * * * *",
        "0 0 1 jan,jul *",
        "0 9 * * MON-FRI",
        "0 0 * * 0",
        "0 0 * * sun",
        "5-55/10 0-23/2 1-31 1-12 0-6",
        "0 0 ? * *",
        "0 0 15/5 * *",
        "*-5 * * * *",
        "+5 * * * *",
        ",5,, * * * *",
        "  0   3 * * *  ",
        "@daily",
        "@midnight",
        "@hourly",
        "0000000000005 * * * *",
        "0\u00a03 * *\u0085*",
        "@yearly",
        "@weekly"
      })
  void acceptsWhatTheApiServerAccepts(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "99 99 99 99 99 | minute \"99\": 99 is above the maximum, 59",
        "*/0 * * * * | must be positive",
        "- - - - - | is not a number",
        "1-0/0,,- * * * * | runs backwards",
        "0 24 * * * | hour \"24\": 24 is above the maximum, 23",
        "0 0 0 * * | day of month \"0\": 0 is below the minimum, 1",
        "0 0 * 13 * | month \"13\"",
        "0 0 * * 7 | day of week \"7\": 7 is above the maximum, 6",
        "0 0 * * mon-sun | runs backwards",
        "1-2-3 * * * * | too many hyphens",
        "*/2/3 * * * * | too many slashes",
        "5/x * * * * | the step of",
        "x * * * * | not a number",
        "0 0 * * * * | expected exactly 5 fields, found 6",
        "0 0 * * | expected exactly 5 fields, found 4",
        "TZ=UTC 0 0 * * * | time zone",
        "CRON_TZ=Europe/Paris 0 0 * * * | time zone",
        "@reboot | unknown descriptor",
        "@every | unknown descriptor",
        "@every 1h | @every is not supported",
        "99999999999999999999 * * * * | is above the maximum, 59",
        "30 2 * * *; curl evil.example | expected exactly 5 fields, found 7"
      })
  void refusesWhatTheApiServerRefuses(String schedule, String problem) {
    assertThat(CronSchedule.problem(schedule)).contains(problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {""})
  void refusesAnEmptySchedule(String schedule) {
    assertThat(CronSchedule.problem(schedule)).isEqualTo("the schedule is empty");
    assertThat(CronSchedule.problem(null)).isEqualTo("the schedule is empty");
  }

  @org.junit.jupiter.api.Test
  void aControlCharacterThatJavaWouldTrimIsKeptAndRefusedAsGoDoes() {
    assertThat(CronSchedule.strip("\u001c30 2 * * *")).isEqualTo("\u001c30 2 * * *");
    assertThat(CronSchedule.problem("\u001c30 2 * * *")).contains("not a number");
  }

  @org.junit.jupiter.api.Test
  void descriptorsAreRenderedAsTheFieldsTheyStandFor() {
    assertThat(CronSchedule.fields("@daily")).containsExactly("0", "0", "*", "*", "*");
    assertThat(CronSchedule.fields("@weekly")).containsExactly("0", "0", "*", "*", "0");
    assertThat(CronSchedule.fields(" 30\u00a02 * * 1-5 "))
        .containsExactly("30", "2", "*", "*", "1-5");
  }
}
