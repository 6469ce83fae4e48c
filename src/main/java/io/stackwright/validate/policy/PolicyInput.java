package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rules see of one environment: its rendered output read back from the files, as kubectl
 * and the Compose CLI will read it, and the two facts about the environment some rules depend on.
 *
 * <p>The pod templates, the objects of each kind and the objects by name are indexed once, when the
 * input is made: rules ask for them once per Service, per reference, per pod, so a scan of every
 * object on each question made the policy layer grow with the square of the stack.
 */
public final class PolicyInput {
  private final List<KubeObject> objects;
  private final String composeFile;
  private final Map<String, Object> compose;
  private final boolean development;
  private final Set<String> externalSecrets;
  private final List<PodTemplate> podTemplates;
  private final Map<String, List<KubeObject>> byKind;
  private final Map<List<String>, KubeObject> byName;
  private final Map<Set<String>, List<KubeObject>> byKinds = new ConcurrentHashMap<>();

  /**
   * Copies the collections and indexes the objects.
   *
   * @param objects every Kubernetes object of the output, in file order
   * @param composeFile the Compose file's path relative to {@code dist/<env>/}, or {@code null}
   * @param compose the Compose file, or {@code null} or an empty map when there is none
   * @param development whether this is a development environment, whose images may float and whose
   *     Secrets hold generated values
   * @param externalSecrets the Secrets the stack refers to but does not create: they must exist in
   *     the cluster before the manifests are applied
   */
  public PolicyInput(
      List<KubeObject> objects,
      String composeFile,
      Map<String, Object> compose,
      boolean development,
      Set<String> externalSecrets) {
    this.objects = List.copyOf(objects);
    this.composeFile = composeFile;
    this.compose = compose == null ? Map.of() : compose;
    this.development = development;
    this.externalSecrets = Set.copyOf(externalSecrets);
    List<PodTemplate> templates = new ArrayList<>();
    Map<String, List<KubeObject>> kinds = new LinkedHashMap<>();
    Map<List<String>, KubeObject> names = new LinkedHashMap<>();
    for (KubeObject object : this.objects) {
      object.podTemplate().ifPresent(templates::add);
      kinds.computeIfAbsent(object.kind(), k -> new ArrayList<>()).add(object);
      // The first of two alike wins, as a scan in file order found it.
      names.putIfAbsent(List.of(object.kind(), object.namespace(), object.name()), object);
    }
    this.podTemplates = List.copyOf(templates);
    kinds.replaceAll((kind, list) -> List.copyOf(list));
    this.byKind = kinds;
    this.byName = names;
  }

  /** {@return every Kubernetes object of the output, in file order} */
  public List<KubeObject> objects() {
    return objects;
  }

  /**
   * The Compose file's path relative to {@code dist/<env>/}, or {@code null} when there is none.
   *
   * @return the path, such as {@code compose/compose.yaml}
   */
  public String composeFile() {
    return composeFile;
  }

  /** {@return the Compose file, or an empty map when there is none} */
  public Map<String, Object> compose() {
    return compose;
  }

  /** {@return whether this is a development environment} */
  public boolean development() {
    return development;
  }

  /** {@return the Secrets the stack refers to but does not create} */
  public Set<String> externalSecrets() {
    return externalSecrets;
  }

  /** Every pod template of the output, in file order. */
  List<PodTemplate> podTemplates() {
    return podTemplates;
  }

  /** The objects of one kind, in file order. */
  List<KubeObject> ofKind(String kind) {
    return byKind.getOrDefault(kind, List.of());
  }

  /** The objects of any of the kinds, in file order; each set of kinds is looked for once. */
  List<KubeObject> ofKinds(Set<String> kinds) {
    return byKinds.computeIfAbsent(
        Set.copyOf(kinds),
        wanted -> objects.stream().filter(o -> wanted.contains(o.kind())).toList());
  }

  /** The object of a kind, name and namespace, if the output has it. */
  Optional<KubeObject> find(String kind, String namespace, String name) {
    return Optional.ofNullable(byName.get(List.of(kind, namespace, name)));
  }

  /** The Compose services, by name. */
  Map<String, Object> composeServices() {
    return Nodes.map(compose, "services");
  }
}
