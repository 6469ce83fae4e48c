package io.stackwright.render.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The objects of one file that are built in Java rather than through cdk8s (network policies,
 * disruption budgets, the Ingress, RBAC: objects cdk8s-plus has no construct for, or would add to),
 * and fields set on cdk8s objects after synthesis (selectors, the service account: values
 * cdk8s-plus only copies through), added to what cdk8s synthesizes for the file.
 *
 * <p>They come out as cdk8s would write them (the file's labels and namespace in their metadata,
 * then the fields), but without the jsii round trips that making an {@code ApiObject} and patching
 * it cost: four or more each, about a millisecond apiece, for objects cdk8s only passes through.
 */
final class PlainObjects {
  private final String namespace;
  private final Map<String, String> labels;
  private final List<Map<String, Object>> objects = new ArrayList<>();
  private final List<FieldChange> changes = new ArrayList<>();

  /** A field set on the synthesized object {@code kind}/{@code name}, as a JSON patch would. */
  private record FieldChange(String kind, String name, List<String> path, Object value) {}

  /**
   * The plain objects of a file.
   *
   * @param namespace the file's namespace, or {@code null} when it has none
   * @param labels the labels every object of the file gets
   */
  PlainObjects(String namespace, Map<String, String> labels) {
    this.namespace = namespace;
    this.labels = new TreeMap<>(labels);
  }

  /**
   * Adds an object.
   *
   * @param fields its top-level fields besides {@code apiVersion}, {@code kind} and {@code
   *     metadata}
   * @return its metadata, to add annotations or a namespace to
   */
  Map<String, Object> add(String apiVersion, String kind, String name, Map<String, Object> fields) {
    Map<String, Object> metadata = new TreeMap<>();
    metadata.put("name", name);
    if (namespace != null) {
      metadata.put("namespace", namespace);
    }
    if (!labels.isEmpty()) {
      metadata.put("labels", new TreeMap<>(labels));
    }
    Map<String, Object> object = new TreeMap<>();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    object.put("metadata", metadata);
    fields.forEach((key, value) -> object.put(key, mutableCopy(value)));
    objects.add(object);
    return metadata;
  }

  /**
   * Sets a field of an object cdk8s synthesizes for this file, once it is synthesized.
   *
   * @param path the keys leading to the field, the last one the field's
   */
  void set(String kind, String name, List<String> path, Object value) {
    changes.add(new FieldChange(kind, name, List.copyOf(path), value));
  }

  /**
   * What cdk8s synthesized for the file, with the fields set and the plain objects added.
   *
   * @throws IllegalStateException when a field is set on an object the file does not have
   */
  @SuppressWarnings("unchecked")
  List<Object> addTo(List<Object> synthesized) {
    List<Object> all = new ArrayList<>(synthesized);
    for (FieldChange change : changes) {
      Map<String, Object> target =
          synthesized.stream()
              .map(o -> (Map<String, Object>) o)
              .filter(o -> change.kind().equals(o.get("kind")))
              .filter(o -> change.name().equals(Manifests.name(o)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no " + change.kind() + "/" + change.name() + " to set a field of"));
      Map<String, Object> node = target;
      for (String key : change.path().subList(0, change.path().size() - 1)) {
        node = (Map<String, Object>) node.computeIfAbsent(key, k -> new LinkedHashMap<>());
      }
      node.put(change.path().get(change.path().size() - 1), mutableCopy(change.value()));
    }
    all.addAll(objects);
    return all;
  }

  /** A deep copy in mutable collections, as the objects cdk8s synthesizes are. */
  private static Object mutableCopy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(mutableCopy(item)));
      return copy;
    }
    return value;
  }
}
