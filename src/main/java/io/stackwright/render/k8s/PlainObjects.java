package io.stackwright.render.k8s;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ObjectMeta;

/**
 * The objects of one file that are built in Java rather than through cdk8s (network policies,
 * disruption budgets, the Ingress, RBAC: objects cdk8s-plus has no construct for, or would add to;
 * ConfigMaps, a Deployment's Service and autoscaler: objects it only copies through), and fields
 * set on cdk8s objects after synthesis (selectors, {@code envFrom}, the service account: values
 * cdk8s-plus only copies through), added to what cdk8s synthesizes for the file.
 *
 * <p>Each is built from the binding's typed {@code k8s} structs and written by {@link KubeJson}, as
 * cdk8s would write it (the file's labels and namespace in its metadata, then the fields), but
 * without the jsii round trips that making an {@code ApiObject} and patching it cost: four or more
 * each, about a millisecond apiece, for objects cdk8s only passes through.
 */
public final class PlainObjects {
  private final String namespace;
  private final Map<String, String> labels;
  private final List<ObjectNode> objects = new ArrayList<>();
  private final List<FieldChange> changes = new ArrayList<>();

  /**
   * The {@code apiVersion} and {@code kind} of an object built here.
   *
   * @param apiVersion the group and version, such as {@code networking.k8s.io/v1}
   * @param kind the kind, such as {@code NetworkPolicy}
   */
  public record ApiKind(String apiVersion, String kind) {}

  /** A field set on the synthesized object {@code kind}/{@code name}, as a JSON patch would. */
  private record FieldChange(String kind, String name, JsonPointer path, JsonNode value) {}

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
   * The metadata of an object of this file.
   *
   * @param name the object's name
   * @return its name, and the file's namespace and labels
   */
  public ObjectMeta metadata(String name) {
    return metadata(name, Map.of());
  }

  /**
   * The metadata of an object of this file, with annotations.
   *
   * @param name the object's name
   * @param annotations its annotations; none are written when empty
   * @return its name, annotations, and the file's namespace and labels
   */
  public ObjectMeta metadata(String name, Map<String, String> annotations) {
    ObjectMeta.Builder metadata = ObjectMeta.builder().name(name).namespace(namespace);
    if (!labels.isEmpty()) {
      metadata.labels(new TreeMap<>(labels));
    }
    if (!annotations.isEmpty()) {
      metadata.annotations(new TreeMap<>(annotations));
    }
    return metadata.build();
  }

  /**
   * Adds an object.
   *
   * @param kind what it is
   * @param props its fields besides {@code apiVersion} and {@code kind}, a {@code Kube*Props}
   *     struct whose metadata is one of {@link #metadata}
   */
  public void add(ApiKind kind, Object props) {
    ObjectNode object = KubeJson.object(props);
    object.put("apiVersion", kind.apiVersion());
    object.put("kind", kind.kind());
    objects.add(object);
  }

  /**
   * Sets a field of an object cdk8s synthesizes for this file, once it is synthesized.
   *
   * @param kind the object's kind
   * @param name the object's name
   * @param path the field's JSON pointer, such as {@code /spec/selector}
   * @param value a struct, a list of them, a map of text or text
   */
  public void set(String kind, String name, String path, Object value) {
    changes.add(new FieldChange(kind, name, JsonPointer.compile(path), KubeJson.tree(value)));
  }

  /**
   * What cdk8s synthesized for the file, with the fields set and the plain objects added.
   *
   * @throws IllegalStateException when a field is set on an object the file does not have
   */
  List<ObjectNode> addTo(List<ObjectNode> synthesized) {
    List<ObjectNode> all = new ArrayList<>(synthesized);
    for (FieldChange change : changes) {
      ObjectNode target =
          synthesized.stream()
              .filter(o -> change.kind().equals(Manifests.kind(o)))
              .filter(o -> change.name().equals(Manifests.name(o)))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "no " + change.kind() + "/" + change.name() + " to set a field of"));
      target
          .withObject(change.path().head())
          .set(change.path().last().getMatchingProperty(), change.value());
    }
    all.addAll(objects);
    return all;
  }
}
