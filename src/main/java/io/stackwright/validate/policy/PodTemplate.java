package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pods an object runs: a workload's template, or a Pod itself.
 *
 * @param owner the object that holds it
 * @param path where its pod spec is in the owner, e.g. {@code spec.template.spec}
 * @param template the map holding its {@code metadata} and {@code spec} (for a Pod, the Pod's
 *     metadata only: its spec is read through {@code path})
 */
record PodTemplate(KubeObject owner, String path, Map<String, Object> template) {

  /** The three lists of containers a pod spec has, in the order the kubelet starts them. */
  static final List<String> CONTAINER_LISTS =
      List.of("initContainers", "containers", "ephemeralContainers");

  /** The pod spec. */
  Map<String, Object> spec() {
    return Nodes.map(owner.body(), path.split("\\."));
  }

  /** The pods' labels. */
  Map<String, Object> labels() {
    return owner.kind().equals("Pod")
        ? Nodes.map(owner.body(), "metadata", "labels")
        : Nodes.map(template, "metadata", "labels");
  }

  /** The pods' annotations. */
  Map<String, Object> annotations() {
    return owner.kind().equals("Pod")
        ? Nodes.map(owner.body(), "metadata", "annotations")
        : Nodes.map(template, "metadata", "annotations");
  }

  /** Where the pods' metadata is in the owner, e.g. {@code spec.template.metadata}. */
  String metadataPath() {
    return owner.kind().equals("Pod")
        ? "metadata"
        : path.substring(0, path.length() - ".spec".length()) + ".metadata";
  }

  /** Whether the pods run Windows ({@code spec.os.name}), which exempts them from Linux checks. */
  boolean isWindows() {
    return "windows".equals(Nodes.text(spec(), "os", "name"));
  }

  /** Every container of every list, in {@link #CONTAINER_LISTS} order. */
  List<Container> allContainers() {
    List<Container> all = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      all.addAll(containers(list));
    }
    return all;
  }

  /** The containers of one list, e.g. {@code containers}. */
  List<Container> containers(String list) {
    List<Container> containers = new ArrayList<>();
    List<?> items = Nodes.list(spec(), list);
    for (int i = 0; i < items.size(); i++) {
      containers.add(new Container(path + "." + list + "[" + i + "]", Nodes.map(items.get(i))));
    }
    return containers;
  }

  /**
   * One container of the pod.
   *
   * @param path where it is in the object, e.g. {@code spec.template.spec.containers[0]}
   * @param body the container
   */
  record Container(String path, Map<String, Object> body) {
    /** Its name, or {@code "?"} when it has none. */
    String name() {
      String name = Nodes.text(body, "name");
      return name == null ? "?" : name;
    }

    /** The path of a field of the container. */
    String field(String relative) {
      return path + "." + relative;
    }
  }
}
