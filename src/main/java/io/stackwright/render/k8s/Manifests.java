package io.stackwright.render.k8s;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-processing of the objects cdk8s synthesizes, before they are written.
 *
 * <p>cdk8s-plus labels every pod template with {@value #ADDRESS_LABEL}, whose value is a hash of
 * the construct path and differs per environment. Our selectors use the recommended labels instead
 * (see {@link io.stackwright.render.Labels#selector}), so the label is dropped: output stays free
 * of hashes and identical across environments where the model is. Anything that still refers to it
 * after that would select nothing, so it fails the synth.
 */
final class Manifests {
  static final String ADDRESS_LABEL = "cdk8s.io/metadata.addr";

  /**
   * Where pod templates keep their labels: a workload's, and a CronJob's one level further down.
   */
  private static final List<JsonPointer> TEMPLATE_LABELS =
      List.of(
          JsonPointer.compile("/spec/template/metadata/labels"),
          JsonPointer.compile("/spec/jobTemplate/spec/template/metadata/labels"));

  /** Helm's install order, so that a file applies cleanly from top to bottom. */
  private static final List<String> KIND_ORDER =
      List.of(
          "Namespace",
          "NetworkPolicy",
          "ResourceQuota",
          "LimitRange",
          "ServiceAccount",
          "Secret",
          "ConfigMap",
          "StorageClass",
          "PersistentVolume",
          "PersistentVolumeClaim",
          "ClusterRole",
          "ClusterRoleBinding",
          "Role",
          "RoleBinding",
          "Service",
          "DaemonSet",
          "Pod",
          "Deployment",
          "HorizontalPodAutoscaler",
          "StatefulSet",
          "Job",
          "CronJob",
          "PodDisruptionBudget",
          "Ingress");

  private Manifests() {}

  /**
   * Drops the address label and sorts the objects into apply order, then by name.
   *
   * @throws IllegalStateException when an object still refers to the address label
   */
  static List<ObjectNode> normalize(List<ObjectNode> objects) {
    List<ObjectNode> result = new ArrayList<>();
    for (ObjectNode manifest : objects) {
      for (JsonPointer labels : TEMPLATE_LABELS) {
        if (manifest.at(labels) instanceof ObjectNode templateLabels) {
          templateLabels.remove(ADDRESS_LABEL);
        }
      }
      if (mentions(manifest, ADDRESS_LABEL)) {
        throw new IllegalStateException(
            kind(manifest)
                + " "
                + name(manifest)
                + " still refers to "
                + ADDRESS_LABEL
                + "; select pods by Labels.selector instead");
      }
      result.add(manifest);
    }
    result.sort(Comparator.comparingInt(Manifests::rank).thenComparing(Manifests::name));
    return result;
  }

  /**
   * Fails when two objects share a kind, namespace and name: kubectl would apply both, and the
   * second would silently replace the first.
   */
  static void requireUnique(Map<String, List<ObjectNode>> files) {
    Map<String, String> seen = new HashMap<>();
    files.forEach(
        (file, objects) -> {
          for (ObjectNode object : objects) {
            JsonNode namespace = object.path("metadata").path("namespace");
            String key =
                kind(object)
                    + " "
                    + (namespace.isTextual() ? namespace.asText() + "/" : "")
                    + name(object);
            String earlier = seen.putIfAbsent(key, file);
            if (earlier != null) {
              throw new IllegalArgumentException(
                  key
                      + " is defined twice ("
                      + earlier
                      + (earlier.equals(file) ? "" : " and " + file)
                      + "); the second would replace the first when applied: rename one, or"
                      + " drop the raw object the model already renders");
            }
          }
        });
  }

  /** Whether any key or text value anywhere in {@code node} contains {@code text}. */
  private static boolean mentions(JsonNode node, String text) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().contains(text) || mentions(field.getValue(), text)) {
          return true;
        }
      }
      return false;
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (mentions(item, text)) {
          return true;
        }
      }
      return false;
    }
    return node.isTextual() && node.asText().contains(text);
  }

  private static int rank(ObjectNode manifest) {
    int index = KIND_ORDER.indexOf(kind(manifest));
    return index < 0 ? KIND_ORDER.size() : index;
  }

  /** {@return the object's kind, or empty text when it has none} */
  static String kind(JsonNode manifest) {
    return manifest.path("kind").asText();
  }

  /** {@return the object's {@code metadata.name}, or empty text when it has none} */
  static String name(JsonNode manifest) {
    return manifest.path("metadata").path("name").asText();
  }
}
