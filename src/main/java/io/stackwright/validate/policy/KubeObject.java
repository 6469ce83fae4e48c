package io.stackwright.validate.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Kubernetes object of the output, as kubectl reads it from its file.
 *
 * @param file the file it is in, relative to {@code dist/<env>/}
 * @param body the object as a YAML reader sees it
 */
public record KubeObject(String file, Map<String, Object> body) {

  /** Kinds whose pods run until they are stopped, rather than to completion. */
  static final Set<String> LONG_RUNNING =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController");

  /** Kinds whose {@code spec.replicas} says how many pods run. */
  static final Set<String> SCALABLE =
      Set.of("Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

  /**
   * Copies the body's map reference; the object is read, never changed.
   *
   * @param file see {@link #file()}
   * @param body see {@link #body()}
   */
  public KubeObject {
    body = body == null ? Map.of() : body;
  }

  /** {@return {@code kind}, or {@code ""}} */
  public String kind() {
    String kind = Nodes.text(body, "kind");
    return kind == null ? "" : kind;
  }

  /** {@return {@code metadata.name}, or {@code ""}} */
  public String name() {
    String name = Nodes.text(body, "metadata", "name");
    return name == null ? "" : name;
  }

  /** {@return {@code metadata.namespace}, or {@code ""} when the object leaves it to kubectl} */
  public String namespace() {
    String namespace = Nodes.text(body, "metadata", "namespace");
    return namespace == null ? "" : namespace;
  }

  /** {@return how findings and waivers name the object: {@code Kind/name}} */
  public String ref() {
    return kind() + "/" + name();
  }

  /** Whether this is an object of {@code kind} in {@code namespace}. */
  boolean is(String kind, String namespace) {
    return kind().equals(kind) && namespace().equals(namespace);
  }

  /** {@return the pod template of a workload, or the spec of a Pod; empty for other kinds} */
  public Optional<PodTemplate> podTemplate() {
    return switch (kind()) {
      case "Pod" -> Optional.of(new PodTemplate(this, "spec", Nodes.map(body, "metadata")));
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
          Optional.of(
              new PodTemplate(this, "spec.template.spec", Nodes.map(body, "spec", "template")));
      case "CronJob" ->
          Optional.of(
              new PodTemplate(
                  this,
                  "spec.jobTemplate.spec.template.spec",
                  Nodes.map(body, "spec", "jobTemplate", "spec", "template")));
      default -> Optional.empty();
    };
  }

  /** Whether its pods run until stopped: a controller that restarts them, or a Pod that does. */
  boolean isLongRunning() {
    if (kind().equals("Pod")) {
      String restart = Nodes.text(body, "spec", "restartPolicy");
      return restart == null || restart.equals("Always");
    }
    return LONG_RUNNING.contains(kind());
  }

  /** The replicas a scalable workload asks for: {@code spec.replicas}, 1 when unset. */
  long replicas() {
    Long replicas = Nodes.integer(body, "spec", "replicas");
    return replicas == null ? 1 : replicas;
  }

  /**
   * A Secret's or ConfigMap's keys: those of {@code data}, {@code stringData}, {@code binaryData}.
   */
  Set<String> dataKeys() {
    Set<String> keys = new TreeSet<>();
    for (String field : List.of("data", "stringData", "binaryData")) {
      keys.addAll(Nodes.map(body, field).keySet());
    }
    return keys;
  }
}
