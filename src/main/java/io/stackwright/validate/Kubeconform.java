package io.stackwright.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The schema layer for Kubernetes: {@code kubeconform -strict -summary -output json} against the
 * strict JSON schemas of the target Kubernetes version, offline, over the manifests of every
 * environment in one run. Strict schemas refuse any field the API does not know, so a misspelled
 * field fails here rather than being dropped silently by the API server.
 *
 * <p>kubeconform reports the first problem it meets in each object (and any further one in a
 * sibling field); its JSON output is turned into findings that name the file, the object and the
 * field.
 */
final class Kubeconform {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The leaf of kubeconform's message: the failing field and what is wrong with it. */
  private static final Pattern LEAF =
      Pattern.compile("jsonschema: '([^']*)' does not validate with \\S+: (.*)", Pattern.DOTALL);

  /** A field the schema does not allow, which the message names rather than the path. */
  private static final Pattern UNKNOWN_FIELD =
      Pattern.compile("additionalProperties '([^']+)' not allowed");

  private final Path executable;
  private final Path schemas;

  Kubeconform(Path executable, Path schemas) {
    this.executable = executable;
    this.schemas = schemas;
  }

  /**
   * Validates manifests.
   *
   * @param root a folder holding {@code <env>/<file>} for every file listed
   * @param files the manifest files of each environment, relative to its folder
   * @return the findings of each environment that has any
   * @throws ToolRun.ToolFailure when kubeconform fails rather than reports
   */
  Map<String, List<Finding>> check(Path root, Map<String, List<String>> files)
      throws ToolRun.ToolFailure {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("-strict");
    command.add("-summary");
    command.add("-output");
    command.add("json");
    command.add("-schema-location");
    command.add(schemas.toAbsolutePath() + "/{{.ResourceKind}}{{.KindSuffix}}.json");
    files.forEach((environment, names) -> names.forEach(n -> command.add(environment + "/" + n)));
    ToolRun run = ToolRun.run(command, root, null, root);
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
    checkSummary(report, run, objects(root, files));
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    for (JsonNode resource : report.path("resources")) {
      String status = resource.path("status").asText();
      if (!status.equals("statusInvalid") && !status.equals("statusError")) {
        continue;
      }
      String filename = resource.path("filename").asText();
      int slash = filename.indexOf('/');
      String environment = slash < 0 ? "" : filename.substring(0, slash);
      String file = filename.substring(slash + 1);
      String kind = resource.path("kind").asText();
      String name = resource.path("name").asText();
      String object = kind.isEmpty() && name.isEmpty() ? "" : kind + "/" + name;
      List<Finding> list = findings.computeIfAbsent(environment, e -> new ArrayList<>());
      for (String[] problem : problems(resource, status)) {
        list.add(new Finding(Layer.KUBECONFORM, file, object, problem[0], "", problem[1]));
      }
    }
    if (run.exitCode() == 1 && findings.isEmpty()) {
      throw new ToolRun.ToolFailure(
          "kubeconform failed without naming a problem: " + run.stderr().strip());
    }
    return findings;
  }

  /**
   * Requires kubeconform's summary to account for every object sent, so that a run that checked
   * nothing, or printed something else, cannot pass.
   *
   * @param expected the objects sent, or -1 when they could not be counted
   */
  private static void checkSummary(JsonNode report, ToolRun run, int expected)
      throws ToolRun.ToolFailure {
    JsonNode summary = report.path("summary");
    int[] counts = new int[4];
    String[] names = {"valid", "invalid", "errors", "skipped"};
    for (int i = 0; i < names.length; i++) {
      JsonNode count = summary.path(names[i]);
      if (!count.canConvertToInt() || !count.isIntegralNumber() || count.intValue() < 0) {
        throw new ToolRun.ToolFailure(
            "kubeconform printed no summary of what it checked (exit code "
                + run.exitCode()
                + "): "
                + (run.stdout() + run.stderr()).strip());
      }
      counts[i] = count.intValue();
    }
    int checked = counts[0] + counts[1] + counts[2];
    if (counts[3] != 0) {
      throw new ToolRun.ToolFailure(
          "kubeconform skipped " + counts[3] + " object(s), though it was told to skip none");
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
    for (JsonNode resource : report.path("resources")) {
      String status = resource.path("status").asText();
      listed += status.equals("statusInvalid") || status.equals("statusError") ? 1 : 0;
    }
    if (listed != counts[1] + counts[2]) {
      throw new ToolRun.ToolFailure(
          "kubeconform counted "
              + (counts[1] + counts[2])
              + " invalid object(s) but reported "
              + listed);
    }
    boolean failed = counts[1] + counts[2] > 0;
    if (failed != (run.exitCode() == 1)) {
      throw new ToolRun.ToolFailure(
          "kubeconform exited with code "
              + run.exitCode()
              + " but counted "
              + (counts[1] + counts[2])
              + " invalid object(s)");
    }
  }

  /**
   * The objects kubeconform will check in these files, counted as it counts them: every document
   * that is not empty, and the items of a {@code List} rather than the list; -1 when a file cannot
   * be read as YAML (kubeconform then reports it).
   */
  static int objects(Path root, Map<String, List<String>> files) {
    int objects = 0;
    for (Map.Entry<String, List<String>> environment : files.entrySet()) {
      for (String name : environment.getValue()) {
        try {
          String text = Files.readString(root.resolve(environment.getKey()).resolve(name));
          for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document instanceof Map<?, ?> map
                && map.get("kind") instanceof String kind
                && kind.equalsIgnoreCase("list")) {
              objects += map.get("items") instanceof List<?> items ? items.size() : 0;
            } else if (document != null) {
              objects++;
            }
          }
        } catch (IOException | YAMLException e) {
          return -1;
        }
      }
    }
    return objects;
  }

  /** Each problem of one resource as {field, message}. */
  private static List<String[]> problems(JsonNode resource, String status) {
    String message = resource.path("msg").asText();
    List<String[]> problems = new ArrayList<>();
    if (status.equals("statusError")) {
      String hint =
          message.startsWith("could not find schema")
              ? "; no Kubernetes " + Tools.SCHEMA_SET + " schema has this kind and apiVersion"
              : "";
      problems.add(new String[] {"", message + hint});
      return problems;
    }
    Matcher leaf = LEAF.matcher(message);
    String leafPointer = null;
    if (leaf.find()) {
      leafPointer = leaf.group(1);
      problems.add(problem(leafPointer, leaf.group(2).strip()));
    }
    for (JsonNode error : resource.path("validationErrors")) {
      String pointer = error.path("path").asText();
      String text = error.path("msg").asText();
      boolean wrapsLeaf =
          leafPointer != null
              && (leafPointer.equals(pointer) || leafPointer.startsWith(pointer + "/"));
      if (!wrapsLeaf) {
        problems.add(problem(pointer, text));
      }
    }
    if (problems.isEmpty()) {
      problems.add(new String[] {"", message});
    }
    return problems;
  }

  /** A problem at a JSON pointer; an unknown field is named in the field, not only the message. */
  private static String[] problem(String pointer, String message) {
    String field = field(pointer);
    Matcher unknown = UNKNOWN_FIELD.matcher(message);
    if (unknown.matches()) {
      field = field.isEmpty() ? unknown.group(1) : field + "." + unknown.group(1);
      message =
          "unknown field "
              + unknown.group(1)
              + " (not in the Kubernetes "
              + Tools.SCHEMA_SET
              + " schema); check its spelling and level";
    }
    return new String[] {field, message};
  }

  /** {@code /spec/containers/0/ports} as {@code spec.containers[0].ports}. */
  static String field(String pointer) {
    StringBuilder field = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit)) {
        field.append('[').append(key).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(key);
      }
    }
    return field.toString();
  }
}
