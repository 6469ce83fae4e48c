package io.stackwright.render.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A Compose health check: a test with its timings, or {@code disable: true}.
 *
 * @param test the command, starting with {@code CMD}
 * @param interval the time between tests, such as {@code 10s}
 * @param timeout the time a test may take
 * @param retries the failures in a row that make the service unhealthy
 * @param startPeriod the time after start in which failures do not count
 * @param disable {@code true} for no check at all, not even the image's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthCheck(
    List<String> test,
    String interval,
    String timeout,
    Integer retries,
    @JsonProperty("start_period") String startPeriod,
    Boolean disable) {

  /** {@return a check that is turned off} */
  public static HealthCheck disabled() {
    return new HealthCheck(null, null, null, null, null, true);
  }
}
