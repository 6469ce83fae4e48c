package io.stackwright.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A change to one rendered object, for what the model does not describe: a Kubernetes object by
 * kind and name, or a Compose service ({@value #COMPOSE_SERVICE}). It runs after the renderer and
 * before the validation gate, so the patched output must still pass every check. A patch that
 * matches no object fails the synth, so that a renamed object cannot leave a patch silently unused.
 *
 * <p>The change receives the object as a Jackson {@link ObjectNode}, with typed reads and writes
 * and JSON-pointer paths that make what is missing on the way:
 *
 * <pre>{@code
 * deployment -> deployment.withObject("/spec/template/spec").put("terminationGracePeriodSeconds", 120)
 * service -> service.put("stop_grace_period", "30s")
 * }</pre>
 *
 * A key with a {@code /} is written {@code ~1} in a pointer ({@code
 * /metadata/labels/app.kubernetes.io~1name}).
 *
 * @param kind the Kubernetes kind ({@code Deployment}), or {@value #COMPOSE_SERVICE}
 * @param name the object's {@code metadata.name}, or the Compose service's name
 * @param change changes the object in place; it receives a deep copy of the rendered one
 */
public record Patch(String kind, String name, Consumer<ObjectNode> change) {

  /** The kind that names a Compose service, as the validation report does. */
  public static final String COMPOSE_SERVICE = "ComposeService";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Requires all three.
   *
   * @param kind see {@link #kind()}
   * @param name see {@link #name()}
   * @param change see {@link #change()}
   */
  public Patch {
    if (kind == null || kind.isEmpty() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a patch needs a kind and a name");
    }
    Objects.requireNonNull(change, "change");
  }

  /** {@return whether it patches a Compose service rather than a Kubernetes object} */
  public boolean compose() {
    return kind.equals(COMPOSE_SERVICE);
  }

  /** {@return {@code Kind/name}, as reports name it} */
  public String ref() {
    return kind + "/" + name;
  }

  /**
   * Applies the change to a deep copy of {@code object}.
   *
   * @param object the rendered object or Compose service, left unchanged
   * @return the changed copy
   * @throws IllegalArgumentException when the change fails, or leaves a value the output cannot
   *     hold, naming the patch
   */
  public ObjectNode applyTo(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    try {
      change.accept(copy);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("patch " + ref() + " failed: " + e, e);
    }
    String problem = unwritable(copy, "", Collections.newSetFromMap(new IdentityHashMap<>()));
    if (problem != null) {
      throw new IllegalArgumentException(
          "patch "
              + ref()
              + " "
              + problem
              + ", which the output cannot hold; use only objects, arrays, text, numbers,"
              + " booleans and null");
    }
    return copy;
  }

  /**
   * What in {@code node} the YAML writer cannot write, such as {@code puts a java.lang.Object at
   * spec.x}, or {@code null}: checked here so that the stack's patch is named, not the writer.
   *
   * @param open the objects and arrays being checked, to find one that contains itself
   */
  private static String unwritable(JsonNode node, String path, Set<JsonNode> open) {
    String at = path.isEmpty() ? "the top level" : path;
    if (node.isContainerNode()) {
      if (!open.add(node)) {
        return "puts an object or array inside itself at " + at;
      }
      String problem = null;
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String key = field.getKey();
          problem = unwritable(field.getValue(), path.isEmpty() ? key : path + "." + key, open);
          if (problem != null) {
            break;
          }
        }
      } else {
        for (int i = 0; i < node.size() && problem == null; i++) {
          problem = unwritable(node.get(i), path + "[" + i + "]", open);
        }
      }
      open.remove(node);
      return problem;
    }
    if (node instanceof POJONode pojo) {
      Object value = pojo.getPojo();
      return "puts a " + (value == null ? "null object" : value.getClass().getName()) + " at " + at;
    }
    if (node.isBinary()) {
      return "puts binary data at " + at;
    }
    if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
      return "puts " + node.doubleValue() + " at " + at;
    }
    return null;
  }

  /**
   * Fails when a patch of the given target matched nothing.
   *
   * @param patches the stack's patches
   * @param compose which target was rendered
   * @param matched the refs of the patches that matched an object
   */
  public static void requireMatched(List<Patch> patches, boolean compose, List<String> matched) {
    for (Patch patch : patches) {
      if (patch.compose() == compose && !matched.contains(patch.ref())) {
        throw new IllegalArgumentException(
            "patch "
                + patch.ref()
                + " matches no object of the output; check the kind and name as the validation"
                + " report prints them, or remove the patch");
      }
    }
  }
}
