package io.stackwright.validate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Kubernetes object of a manifests folder, as {@code kubectl apply -f <folder>} reads it.
 *
 * @param object the object as written
 */
public record Manifest(ObjectNode object) {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kinds whose objects hold a pod template, and where: what a controller makes Pods from. */
  private static final List<String> TEMPLATE_OWNERS =
      List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob");

  /**
   * The objects of every {@code .yaml}, {@code .yml} and {@code .json} file directly in {@code
   * folder}, in file-name order: what {@code kubectl apply -f <folder>} applies (it does not look
   * into sub-folders such as {@code compose/}).
   */
  public static List<Manifest> read(Path folder) {
    List<Manifest> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().matches(".*\\.(yaml|yml|json)"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList()) {
        for (JsonNode document :
            YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
          if (document instanceof ObjectNode object) {
            manifests.add(new Manifest(object));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return manifests;
  }

  /** The object's kind. */
  public String kind() {
    return object.path("kind").asText();
  }

  /** The object's name. */
  public String name() {
    return object.path("metadata").path("name").asText();
  }

  /** The object's namespace, or an empty string for a cluster-scoped object. */
  public String namespace() {
    return object.path("metadata").path("namespace").asText();
  }

  /** {@code kind/name}, or {@code kind/namespace/name}, for messages and comparisons. */
  public String id() {
    return namespace().isEmpty()
        ? kind() + "/" + name()
        : kind() + "/" + namespace() + "/" + name();
  }

  /**
   * The Pod a controller would make from this object's pod template, as a bare Pod named {@code
   * <kind>-<name>} in the same namespace; empty when the object has no pod template. A
   * StatefulSet's volume claim templates become the volumes its controller adds.
   */
  public Optional<ObjectNode> podFromTemplate() {
    if (!TEMPLATE_OWNERS.contains(kind())) {
      return Optional.empty();
    }
    JsonNode spec = object.path("spec");
    JsonNode template =
        kind().equals("CronJob")
            ? spec.path("jobTemplate").path("spec").path("template")
            : spec.path("template");
    ObjectNode pod = JsonNodeFactory.instance.objectNode();
    pod.put("apiVersion", "v1").put("kind", "Pod");
    ObjectNode metadata = pod.putObject("metadata");
    metadata.put("name", kind().toLowerCase(Locale.ROOT) + "-" + name());
    metadata.put("namespace", namespace());
    for (String field : List.of("labels", "annotations")) {
      if (template.path("metadata").has(field)) {
        metadata.set(field, template.path("metadata").get(field).deepCopy());
      }
    }
    ObjectNode podSpec = ((ObjectNode) template.path("spec")).deepCopy();
    for (JsonNode claim : spec.path("volumeClaimTemplates")) {
      String claimName = claim.path("metadata").path("name").asText();
      ArrayNode volumes =
          podSpec.has("volumes") ? (ArrayNode) podSpec.get("volumes") : podSpec.putArray("volumes");
      volumes
          .addObject()
          .put("name", claimName)
          .putObject("persistentVolumeClaim")
          .put("claimName", claimName + "-" + name() + "-0");
    }
    pod.set("spec", podSpec);
    return Optional.of(pod);
  }

  /** Objects as one JSON {@code List}, for {@code kubectl … -f -}. */
  public static String asList(List<? extends JsonNode> objects) {
    ObjectNode list = JsonNodeFactory.instance.objectNode();
    list.put("apiVersion", "v1").put("kind", "List");
    list.putArray("items").addAll(objects.stream().<JsonNode>map(JsonNode::deepCopy).toList());
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes these objects as one YAML file, in this order. */
  public static void write(List<Manifest> manifests, Path file) {
    StringBuilder text = new StringBuilder();
    try {
      for (Manifest manifest : manifests) {
        text.append(YAML.writeValueAsString(manifest.object()));
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
