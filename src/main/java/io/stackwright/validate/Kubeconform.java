package io.stackwright.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * invalid object is checked again with that problem taken out until it passes ({@link
 * KubeconformRefinement}), so that the report names every problem, the same on every run. The JSON
 * output ({@link KubeconformReport}) is turned into findings that name the file, the object and the
 * field.
 */
final class Kubeconform {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    KubeconformReport report = run(root, command, objects);
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    List<KubeconformRefinement> invalid = new ArrayList<>();
    for (JsonNode resource : report.resources()) {
      if (!KubeconformReport.isFailed(resource)) {
        continue;
      }
      String filename = resource.path("filename").asText();
      int slash = filename.indexOf('/');
      String environment = slash < 0 ? "" : filename.substring(0, slash);
      String file = filename.substring(slash + 1);
      String object = object(resource);
      List<Finding> list = findings.computeIfAbsent(environment, e -> new ArrayList<>());
      if (resource.path("status").asText().equals("statusError")) {
        list.add(new Finding(Layer.KUBECONFORM, file, object, "", "", error(resource)));
        continue;
      }
      JsonNode document =
          document(
              root.resolve(filename),
              resource.path("kind").asText(),
              resource.path("name").asText());
      KubeconformRefinement refinement =
          new KubeconformRefinement(environment, file, object, document);
      if (!refinement.step(resource)) {
        refinement.markDone();
      }
      invalid.add(refinement);
    }
    refine(root, invalid);
    for (KubeconformRefinement refinement : invalid) {
      findings.get(refinement.environment()).addAll(refinement.findings());
    }
    return findings;
  }

  /**
   * The command up to the files: strict, with a summary, JSON, offline against the schemas, one
   * file per kind and version suffix as the schema set lays them out.
   */
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
  private static KubeconformReport run(Path root, List<String> command, int objects)
      throws ToolRun.ToolFailure {
    return KubeconformReport.of(ToolRun.run(command, root, null, root), objects);
  }

  /**
   * Checks each invalid object again with the problem named taken out, until it passes or names a
   * problem that cannot be taken out: every problem is then reported, whatever order kubeconform
   * found them in. One kubeconform run serves every object still being refined.
   */
  private void refine(Path root, List<KubeconformRefinement> refinements)
      throws ToolRun.ToolFailure {
    for (int round = 1; round <= MAX_ROUNDS; round++) {
      List<KubeconformRefinement> open = refinements.stream().filter(r -> !r.isDone()).toList();
      if (open.isEmpty()) {
        return;
      }
      Path folder = root.resolve(".refine-" + round);
      List<String> command = command();
      command.addAll(writeAgain(root, folder, open));
      Map<String, JsonNode> results = new HashMap<>();
      for (JsonNode resource : run(root, command, open.size()).resources()) {
        results.put(resource.path("filename").asText(), resource);
      }
      for (int i = 0; i < open.size(); i++) {
        JsonNode resource = results.get(root.relativize(folder.resolve(i + ".json")).toString());
        KubeconformRefinement refinement = open.get(i);
        if (resource == null
            || !resource.path("status").asText().equals("statusInvalid")
            || !refinement.step(resource)) {
          refinement.markDone();
        }
      }
    }
    for (KubeconformRefinement refinement : refinements) {
      if (!refinement.isDone()) {
        refinement.stopped();
      }
    }
  }

  /** Writes each object to check again into {@code folder}; returns their paths from the root. */
  private static List<String> writeAgain(Path root, Path folder, List<KubeconformRefinement> open)
      throws ToolRun.ToolFailure {
    List<String> paths = new ArrayList<>();
    try {
      Files.createDirectories(folder);
      for (int i = 0; i < open.size(); i++) {
        Path file = folder.resolve(i + ".json");
        Files.writeString(file, JSON.writeValueAsString(open.get(i).document()));
        paths.add(root.relativize(file).toString());
      }
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot write an object to check again: " + e.getMessage());
    }
    return paths;
  }

  /** The object a resource names, {@code Kind/name}; empty when kubeconform names neither. */
  private static String object(JsonNode resource) {
    String kind = resource.path("kind").asText();
    String name = resource.path("name").asText();
    return kind.isEmpty() && name.isEmpty() ? "" : kind + "/" + name;
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
}
