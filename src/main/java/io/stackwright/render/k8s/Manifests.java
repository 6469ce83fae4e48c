package io.stackwright.render.k8s;

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

  /** Drops the address label and sorts the objects into apply order, then by name. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> normalize(List<Object> objects) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object object : objects) {
      Map<String, Object> manifest = (Map<String, Object>) object;
      Object spec = manifest.get("spec");
      if (spec instanceof Map<?, ?> specMap) {
        dropFromTemplate(specMap);
        // A CronJob's pod template is one level further down.
        if (specMap.get("jobTemplate") instanceof Map<?, ?> job
            && job.get("spec") instanceof Map<?, ?> jobSpec) {
          dropFromTemplate(jobSpec);
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

  @SuppressWarnings("unchecked")
  private static void dropFromTemplate(Map<?, ?> spec) {
    if (spec.get("template") instanceof Map<?, ?> t
        && t.get("metadata") instanceof Map<?, ?> meta
        && meta.get("labels") instanceof Map<?, ?> labels) {
      ((Map<String, Object>) labels).remove(ADDRESS_LABEL);
    }
  }

  /**
   * Fails when two objects share a kind, namespace and name: kubectl would apply both, and the
   * second would silently replace the first.
   */
  static void requireUnique(Map<String, List<Map<String, Object>>> files) {
    Map<String, String> seen = new HashMap<>();
    files.forEach(
        (file, objects) -> {
          for (Map<String, Object> object : objects) {
            String namespace =
                object.get("metadata") instanceof Map<?, ?> meta && meta.get("namespace") != null
                    ? meta.get("namespace") + "/"
                    : "";
            String key = kind(object) + " " + namespace + name(object);
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
  private static boolean mentions(Object node, String text) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (mentions(entry.getKey(), text) || mentions(entry.getValue(), text)) {
          return true;
        }
      }
      return false;
    }
    if (node instanceof List<?> list) {
      return list.stream().anyMatch(item -> mentions(item, text));
    }
    return node instanceof String string && string.contains(text);
  }

  private static int rank(Map<String, Object> manifest) {
    int index = KIND_ORDER.indexOf(kind(manifest));
    return index < 0 ? KIND_ORDER.size() : index;
  }

  static String kind(Map<String, Object> manifest) {
    return String.valueOf(manifest.get("kind"));
  }

  static String name(Map<String, Object> manifest) {
    return manifest.get("metadata") instanceof Map<?, ?> meta
        ? String.valueOf(meta.get("name"))
        : "";
  }
}
