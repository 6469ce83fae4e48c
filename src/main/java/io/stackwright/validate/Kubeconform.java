package io.stackwright.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema layer for Kubernetes: {@code kubeconform -strict -output json} against the strict JSON
 * schemas of the target Kubernetes version, offline, over the manifests of every environment in one
 * run. Strict schemas refuse any field the API does not know, so a misspelled field fails here
 * rather than being dropped silently by the API server.
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
