package io.stackwright.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON report of one kubeconform run ({@code -summary -output json}), read only once its
 * summary accounts for every object sent and agrees with the resources listed and the exit code, so
 * that a run that checked nothing, or printed something else, cannot pass.
 *
 * @param valid the objects found valid
 * @param invalid the objects found invalid
 * @param errors the objects that could not be checked
 * @param skipped the objects skipped
 * @param resources the invalid and unchecked objects, as kubeconform lists them
 */
record KubeconformReport(int valid, int invalid, int errors, int skipped, JsonNode resources) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the report of a run.
   *
   * @param run the finished run
   * @param expected the objects sent, or -1 when they could not be counted
   * @return the report
   * @throws ToolRun.ToolFailure when kubeconform failed rather than reported, or its report does
   *     not account for what it was sent
   */
  static KubeconformReport of(ToolRun run, int expected) throws ToolRun.ToolFailure {
    if (run.exitCode() != 0 && run.exitCode() != 1) {
      throw new ToolRun.ToolFailure(
          "kubeconform exited with code " + run.exitCode() + ": " + run.stderr().strip());
    }
    JsonNode report;
    try {
      report = JSON.readTree(run.stdout());
    } catch (JsonProcessingException e) {
      throw new ToolRun.ToolFailure(
          "kubeconform printed what is not its JSON report: " + run.stdout() + run.stderr());
    }
    KubeconformReport read =
        new KubeconformReport(
            count(report, "valid", run),
            count(report, "invalid", run),
            count(report, "errors", run),
            count(report, "skipped", run),
            report.path("resources"));
    read.check(run, expected);
    return read;
  }

  private static int count(JsonNode report, String name, ToolRun run) throws ToolRun.ToolFailure {
    JsonNode count = report.path("summary").path(name);
    if (!count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 0) {
      throw new ToolRun.ToolFailure(
          "kubeconform printed no summary of what it checked (exit code "
              + run.exitCode()
              + "): "
              + (run.stdout() + run.stderr()).strip());
    }
    return count.intValue();
  }

  /** Requires the summary to account for every object sent, the list and the exit code. */
  private void check(ToolRun run, int expected) throws ToolRun.ToolFailure {
    int checked = valid + invalid + errors;
    if (skipped != 0) {
      throw new ToolRun.ToolFailure(
          "kubeconform skipped " + skipped + " object(s), though it was told to skip none");
    }
    if (expected >= 0 ? checked != expected : checked == 0) {
      throw new ToolRun.ToolFailure(
          "kubeconform checked "
              + checked
              + " object(s) of the "
              + (expected >= 0 ? expected : "unknown number")
              + " it was given");
    }
    int listed = 0;
    for (JsonNode resource : resources) {
      listed += isFailed(resource) ? 1 : 0;
    }
    if (listed != invalid + errors) {
      throw new ToolRun.ToolFailure(
          "kubeconform counted "
              + (invalid + errors)
              + " invalid object(s) but reported "
              + listed);
    }
    boolean failed = invalid + errors > 0;
    if (failed != (run.exitCode() == 1)) {
      throw new ToolRun.ToolFailure(
          "kubeconform exited with code "
              + run.exitCode()
              + " but counted "
              + (invalid + errors)
              + " invalid object(s)");
    }
  }

  /** Whether kubeconform found the resource invalid or could not check it. */
  static boolean isFailed(JsonNode resource) {
    String status = resource.path("status").asText();
    return status.equals("statusInvalid") || status.equals("statusError");
  }
}
