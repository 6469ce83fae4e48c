package io.stackwright.validate.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the rules see of one environment: its rendered output read back from the files, as kubectl
 * and the Compose CLI will read it, and the two facts about the environment some rules depend on.
 *
 * @param objects every Kubernetes object of the output, in file order
 * @param composeFile the Compose file's path relative to {@code dist/<env>/}, or {@code null}
 * @param compose the Compose file, or an empty map when there is none
 * @param development whether this is a development environment, whose images may float and whose
 *     Secrets hold generated values
 * @param externalSecrets the Secrets the stack refers to but does not create: they must exist in
 *     the cluster before the manifests are applied
 */
public record PolicyInput(
    List<KubeObject> objects,
    String composeFile,
    Map<String, Object> compose,
    boolean development,
    Set<String> externalSecrets) {

  /** Copies the collections. */
  public PolicyInput {
    objects = List.copyOf(objects);
    compose = compose == null ? Map.of() : compose;
    externalSecrets = Set.copyOf(externalSecrets);
  }

  /** Every pod template of the output. */
  List<PodTemplate> podTemplates() {
    return objects.stream().flatMap(o -> o.podTemplate().stream()).toList();
  }

  /** The objects of one kind. */
  List<KubeObject> ofKind(String kind) {
    return objects.stream().filter(o -> o.kind().equals(kind)).toList();
  }

  /** The object of a kind, name and namespace, if the output has it. */
  Optional<KubeObject> find(String kind, String namespace, String name) {
    return objects.stream().filter(o -> o.is(kind, namespace) && o.name().equals(name)).findFirst();
  }

  /** The Compose services, by name. */
  Map<String, Object> composeServices() {
    return Nodes.map(compose, "services");
  }
}
