package io.stackwright.render.k8s;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.k8s.Volume;
import org.cdk8s.plus33.k8s.VolumeMount;

/**
 * One workload as it is built: what the cross-cutting defaults ({@link KubernetesEnricher}) add to
 * its pod template and its container before the renderer makes the cdk8s-plus construct, and the
 * objects of its file they add beside it or set fields of once it is synthesized.
 */
public final class WorkloadParts {
  private final String kind;
  private final String name;
  private final PlainObjects objects;
  private final ContainerProps.Builder container;
  private final List<VolumeMount> mounts = new ArrayList<>();
  private final Map<String, Volume> volumes = new LinkedHashMap<>();
  private final Set<String> claims = new HashSet<>();
  private final Map<String, String> podLabels = new TreeMap<>();
  private final Map<String, String> podAnnotations = new TreeMap<>();
  private final PodValues values;
  private PodSecurityContextProps podSecurity;

  /**
   * A workload with what the renderer gave it so far.
   *
   * @param kind {@code Deployment}, {@code StatefulSet} or {@code CronJob}
   * @param name the workload's name
   * @param objects the plain objects of its file
   * @param container its one container's props, without mounts
   * @param values the render's values
   */
  WorkloadParts(
      String kind,
      String name,
      PlainObjects objects,
      ContainerProps.Builder container,
      PodValues values) {
    this.kind = kind;
    this.name = name;
    this.objects = objects;
    this.values = values;
    this.container = container;
  }

  /** {@return the workload's kind: {@code Deployment}, {@code StatefulSet} or {@code CronJob}} */
  public String kind() {
    return kind;
  }

  /** {@return the workload's name, which its Service and its policies share} */
  public String name() {
    return name;
  }

  /** {@return the objects of the workload's file that are built in Java} */
  public PlainObjects objects() {
    return objects;
  }

  /** {@return the props of the workload's one container, to set fields of} */
  public ContainerProps.Builder container() {
    return container;
  }

  /**
   * Mounts a volume into the container at {@code path}, after the mounts already added. The pod
   * gets the volume once, however many mounts name it.
   *
   * @param path where the container sees it
   * @param volume the volume ({@link PodVolumes})
   * @return this
   * @throws IllegalArgumentException when the pod has another volume of that name with another
   *     source: two paths of the model that make one name
   */
  public WorkloadParts mount(String path, Volume volume) {
    return add(VolumeMount.builder().mountPath(path).name(volume.getName()).build(), volume);
  }

  /**
   * Mounts one file of a volume, read-only, at {@code path}, leaving the rest of the image's
   * directory as it is.
   *
   * @param path the file's path in the container
   * @param volume the volume ({@link PodVolumes})
   * @param file the file's name in the volume
   * @return this
   * @throws IllegalArgumentException when the pod has another volume of that name with another
   *     source: two paths of the model that make one name
   */
  public WorkloadParts mountFile(String path, Volume volume, String file) {
    return add(
        VolumeMount.builder()
            .mountPath(path)
            .name(volume.getName())
            .subPath(file)
            .readOnly(true)
            .build(),
        volume);
  }

  /**
   * Mounts the StatefulSet's claim template {@code claim}, which is no volume of the pod: a pod
   * volume of the same name is left out, as the StatefulSet controller puts the claim there.
   */
  WorkloadParts mountClaimTemplate(String path, String claim) {
    mounts.add(VolumeMount.builder().mountPath(path).name(claim).build());
    claims.add(claim);
    return this;
  }

  private WorkloadParts add(VolumeMount mount, Volume volume) {
    String volumeName = volume.getName();
    Volume known = volumes.putIfAbsent(volumeName, volume);
    if (known != null && !KubeJson.tree(known).equals(KubeJson.tree(volume))) {
      // The volumes' names come from what the model names (a writable path, a config file): two
      // that differ only in characters a name cannot hold are the stack's mistake.
      throw new IllegalArgumentException(
          name
              + ": "
              + firstPath(volumeName)
              + " and "
              + mount.getMountPath()
              + " would both be the pod volume "
              + volumeName
              + " of "
              + kind
              + "/"
              + name
              + ", with different sources; rename one of the paths");
    }
    mounts.add(mount);
    return this;
  }

  /** The path of the first mount of the volume {@code volumeName}. */
  private String firstPath(String volumeName) {
    return mounts.stream()
        .filter(m -> volumeName.equals(m.getName()))
        .map(VolumeMount::getMountPath)
        .findFirst()
        .orElseThrow();
  }

  /** {@return the render's cdk8s values: sizes, durations, probes, made once and shared} */
  public PodValues values() {
    return values;
  }

  /**
   * Labels the pods.
   *
   * @param labels the labels, by key
   * @return this
   */
  public WorkloadParts podLabels(Map<String, String> labels) {
    podLabels.putAll(labels);
    return this;
  }

  /**
   * Annotates the pods.
   *
   * @param key the annotation's key
   * @param value its value
   * @return this
   */
  public WorkloadParts podAnnotation(String key, String value) {
    podAnnotations.put(key, value);
    return this;
  }

  /**
   * Sets the pods' security context.
   *
   * @param security the context
   * @return this
   */
  public WorkloadParts podSecurity(PodSecurityContextProps security) {
    this.podSecurity = security;
    return this;
  }

  /**
   * Sets a field of the workload once cdk8s has synthesized it: a value cdk8s-plus would only copy
   * through, at a jsii round trip or more.
   *
   * @param path the field's JSON pointer, such as {@code /spec/selector}
   * @param value a struct, a list of them, a map of text or text
   * @return this
   */
  public WorkloadParts set(String path, Object value) {
    objects.set(kind, name, path, value);
    return this;
  }

  /** The container: its mounts are set once it is synthesized ({@link #setMounts}). */
  ContainerProps builtContainer() {
    return container.build();
  }

  /**
   * Sets the container's mounts and the pod's volumes on the synthesized workload: cdk8s-plus would
   * only copy them through, at two round trips for each volume.
   *
   * @param podSpec the pointer to the pod's spec in the workload, such as {@code
   *     /spec/template/spec}
   */
  void setMounts(String podSpec) {
    if (!mounts.isEmpty()) {
      set(podSpec + "/containers/0/volumeMounts", List.copyOf(mounts));
    }
    List<Volume> podVolumes =
        volumes.values().stream().filter(v -> !claims.contains(v.getName())).toList();
    if (!podVolumes.isEmpty()) {
      set(podSpec + "/volumes", podVolumes);
    }
  }

  /** The pods' metadata: their labels and annotations, each left out when there is none. */
  ApiObjectMetadata podMetadata() {
    ApiObjectMetadata.Builder metadata = ApiObjectMetadata.builder();
    if (!podLabels.isEmpty()) {
      metadata.labels(new TreeMap<>(podLabels));
    }
    if (!podAnnotations.isEmpty()) {
      metadata.annotations(new TreeMap<>(podAnnotations));
    }
    return metadata.build();
  }

  /** The pods' security context, or {@code null} when no default set one. */
  PodSecurityContextProps podSecurity() {
    return podSecurity;
  }
}
