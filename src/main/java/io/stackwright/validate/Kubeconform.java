package io.stackwright.validate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>kubeconform names one problem of each invalid object, picked in Go's random map order; each
 * invalid object is checked again with that problem taken out until it passes, so that the report
 * names every problem, the same on every run. The JSON output is turned into findings that name the
 * file, the object and the field.
 */
final class Kubeconform {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The leaf of kubeconform's message: the failing field and what is wrong with it. */
  private static final Pattern LEAF =
      Pattern.compile("jsonschema: '([^']*)' does not validate with \\S+: (.*)", Pattern.DOTALL);

  /** Fields the schema does not allow, which the message names rather than the path. */
  private static final Pattern UNKNOWN_FIELDS =
      Pattern.compile(
          "additionalProperties ('(?:[^'\\\\]|\\\\.)*'(?:, '(?:[^'\\\\]|\\\\.)*')*) not allowed");

  private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
  private static final Pattern TYPE =
      Pattern.compile("expected ([a-z]+(?: or [a-z]+)*), but got \\w+");
  private static final Pattern MISSING = Pattern.compile("missing properties: ('.*')");
  private static final Pattern ENUM =
      Pattern.compile("^value must be (?:one of )?\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Rounds of checking an invalid object again; a bound on kubeconform runs, never reached. */
  private static final int MAX_ROUNDS = 25;

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
   * @param objects the objects kubeconform will check in them, counted as it counts them (every
   *     document that is not empty, the items of a {@code List} rather than the list), which its
   *     summary must account for; -1 when a file cannot be read as YAML
   * @return the findings of each environment that has any
   * @throws ToolRun.ToolFailure when kubeconform fails rather than reports
   */
  Map<String, List<Finding>> check(Path root, Map<String, List<String>> files, int objects)
      throws ToolRun.ToolFailure {
    List<String> command = command();
    files.forEach((environment, names) -> names.forEach(n -> command.add(environment + "/" + n)));
    JsonNode report = run(root, command, objects);
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    List<Refinement> invalid = new ArrayList<>();
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
      if (status.equals("statusError")) {
        list.add(new Finding(Layer.KUBECONFORM, file, object, "", "", error(resource)));
        continue;
      }
      JsonNode document = document(root.resolve(filename), kind, name);
      Refinement refinement = new Refinement(list, file, object, document);
      if (!refinement.step(resource)) {
        refinement.done = true;
      }
      invalid.add(refinement);
    }
    refine(root, invalid);
    for (Refinement refinement : invalid) {
      refinement.problems.forEach(
          (key, message) ->
              refinement.findings.add(
                  new Finding(
                      Layer.KUBECONFORM,
                      refinement.file,
                      refinement.object,
                      key.substring(0, key.indexOf('\n')),
                      "",
                      message)));
    }
    return findings;
  }

  /** The command up to the files: strict, with a summary, JSON, offline against the schemas. */
  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("-strict");
    command.add("-summary");
    command.add("-output");
    command.add("json");
    command.add("-schema-location");
    command.add(schemas.toAbsolutePath() + "/{{.ResourceKind}}{{.KindSuffix}}.json");
    return command;
  }

  /** Runs kubeconform in {@code root} and returns its report, once its summary is checked. */
  private static JsonNode run(Path root, List<String> command, int objects)
      throws ToolRun.ToolFailure {
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
    checkSummary(report, run, objects);
    return report;
  }

  /**
   * kubeconform names one problem of an invalid object, picked by Go's map order, so it can name a
   * different one on every run. Each invalid object is checked again with the problem named taken
   * out (an unknown field removed; a value of the wrong type, outside its enum or missing replaced
   * by a valid one), until it passes or names a problem that cannot be taken out: every problem is
   * then reported, whatever order kubeconform found them in. One kubeconform run serves every
   * object still being refined.
   */
  private void refine(Path root, List<Refinement> refinements) throws ToolRun.ToolFailure {
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      List<Refinement> open = refinements.stream().filter(r -> !r.done).toList();
      if (open.isEmpty()) {
        return;
      }
      Path folder = root.resolve(".refine-" + round);
      List<String> command = command();
      try {
        Files.createDirectories(folder);
        for (int i = 0; i < open.size(); i++) {
          Path file = folder.resolve(i + ".json");
          Files.writeString(file, JSON.writeValueAsString(open.get(i).document));
          command.add(root.relativize(file).toString());
        }
      } catch (IOException e) {
        throw new ToolRun.ToolFailure("cannot write an object to check again: " + e.getMessage());
      }
      JsonNode report = run(root, command, open.size());
      Map<String, JsonNode> results = new HashMap<>();
      for (JsonNode resource : report.path("resources")) {
        results.put(resource.path("filename").asText(), resource);
      }
      for (int i = 0; i < open.size(); i++) {
        JsonNode resource = results.get(root.relativize(folder.resolve(i + ".json")).toString());
        Refinement refinement = open.get(i);
        if (resource == null
            || !resource.path("status").asText().equals("statusInvalid")
            || !refinement.step(resource)) {
          refinement.done = true;
        }
      }
    }
    for (Refinement refinement : refinements) {
      if (!refinement.done) {
        refinement.stopped();
      }
    }
  }

  /** The message of a resource kubeconform could not check. */
  private static String error(JsonNode resource) {
    String message = resource.path("msg").asText();
    String hint =
        message.startsWith("could not find schema")
            ? "; no Kubernetes " + Tools.SCHEMA_SET + " schema has this kind and apiVersion"
            : "";
    return message + hint;
  }

  /**
   * The one document of {@code file} with this kind and name, as JSON; {@code null} when there is
   * not exactly one (its problem is then reported as kubeconform first names it).
   */
  private static JsonNode document(Path file, String kind, String name) {
    List<JsonNode> found = new ArrayList<>();
    try {
      for (Object document :
          new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
        if (document instanceof Map<?, ?> map
            && kind.equals(map.get("kind"))
            && map.get("metadata") instanceof Map<?, ?> metadata
            && name.equals(metadata.get("name"))) {
          found.add(JSON.valueToTree(document));
        }
      }
    } catch (IOException | YAMLException | IllegalArgumentException e) {
      return null;
    }
    return found.size() == 1 ? found.get(0) : null;
  }

  /** The problems found so far in one invalid object, and the object with them taken out. */
  private static final class Refinement {
    final List<Finding> findings;
    final String file;
    final String object;
    final JsonNode document;

    /** {@code field + "\n" + message} to message, sorted. */
    final Map<String, String> problems = new TreeMap<>();

    /** The pointers of values put in by a refinement, whose own problems are not the object's. */
    final List<String> replaced = new ArrayList<>();

    boolean done;

    Refinement(List<Finding> findings, String file, String object, JsonNode document) {
      this.findings = findings;
      this.file = file;
      this.object = object;
      this.document = document;
    }

    /**
     * Records the problem kubeconform names in {@code resource} and takes it out of the document.
     *
     * @return whether the object should be checked again
     */
    boolean step(JsonNode resource) {
      Matcher leaf = LEAF.matcher(resource.path("msg").asText());
      if (!leaf.find()) {
        add("", resource.path("msg").asText());
        return false;
      }
      String pointer = leaf.group(1);
      String message = leaf.group(2).strip();
      boolean ours =
          replaced.stream().anyMatch(p -> pointer.equals(p) || pointer.startsWith(p + "/"));
      Matcher unknown = UNKNOWN_FIELDS.matcher(message);
      Matcher type = TYPE.matcher(message);
      Matcher missing = MISSING.matcher(message);
      Matcher oneOf = ENUM.matcher(message);
      if (unknown.matches()) {
        for (String name : names(unknown.group(1))) {
          if (!ours) {
            add(pointer + "/" + escape(name), unknownField(name));
          }
          if (!(node(pointer) instanceof ObjectNode parent) || parent.remove(name) == null) {
            return false;
          }
        }
        return document != null;
      }
      if (!ours) {
        add(pointer, message);
      } else if (!type.matches() && !missing.matches()) {
        stopped();
        return false;
      }
      if (type.matches()) {
        return replace(pointer, zero(type.group(1)));
      }
      if (missing.matches()) {
        for (String name : names(missing.group(1))) {
          String child = pointer + "/" + escape(name);
          if (!(node(pointer) instanceof ObjectNode parent)) {
            return false;
          }
          parent.putNull(name);
          replaced.add(child);
        }
        return true;
      }
      if (oneOf.find()) {
        return replace(pointer, JSON.getNodeFactory().textNode(oneOf.group(1)));
      }
      stopped();
      return false;
    }

    /** Notes that kubeconform may have more to say about the object than it was let say. */
    void stopped() {
      add("", "kubeconform may find more problems in this object once these are fixed");
    }

    private void add(String pointer, String message) {
      String field = field(pointer);
      problems.put(field + "\n" + message, message);
    }

    private boolean replace(String pointer, JsonNode value) {
      if (value == null || pointer.isEmpty()) {
        return false;
      }
      int slash = pointer.lastIndexOf('/');
      JsonNode parent = node(pointer.substring(0, slash));
      String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
      if (parent instanceof ObjectNode object) {
        object.set(key, value);
      } else if (parent instanceof ArrayNode array
          && key.chars().allMatch(Character::isDigit)
          && Integer.parseInt(key) < array.size()) {
        array.set(Integer.parseInt(key), value);
      } else {
        return false;
      }
      replaced.add(pointer);
      return true;
    }

    private JsonNode node(String pointer) {
      return document == null ? null : document.at(pointer.isEmpty() ? "" : pointer);
    }
  }

  /** A valid value of the first type of {@code integer or null}, or {@code null}. */
  private static JsonNode zero(String types) {
    String type = types.split(" or ")[0];
    return switch (type) {
      case "integer", "number" -> JSON.getNodeFactory().numberNode(0);
      case "string" -> JSON.getNodeFactory().textNode("");
      case "boolean" -> JSON.getNodeFactory().booleanNode(false);
      case "object" -> JSON.getNodeFactory().objectNode();
      case "array" -> JSON.getNodeFactory().arrayNode();
      case "null" -> JSON.getNodeFactory().nullNode();
      default -> null;
    };
  }

  /** The names of {@code 'a', 'b'}, as jsonschema quotes them. */
  private static List<String> names(String quoted) {
    List<String> names = new ArrayList<>();
    Matcher name = QUOTED.matcher(quoted);
    while (name.find()) {
      names.add(name.group(1).replace("\\'", "'").replace("\\\\", "\\"));
    }
    return names;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unknownField(String name) {
    return "unknown field "
        + name
        + " (not in the Kubernetes "
        + Tools.SCHEMA_SET
        + " schema); check its spelling and level";
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
