package io.stackwright.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A change to one rendered object, for what the model does not describe: a Kubernetes object by
 * kind and name, or a Compose service ({@value #COMPOSE_SERVICE}). It runs on the object as a map,
 * after the renderer and before the validation gate, so the patched output must still pass every
 * check. A patch that matches no object fails the synth, so that a renamed object cannot leave a
 * patch silently unused.
 *
 * @param kind the Kubernetes kind ({@code Deployment}), or {@value #COMPOSE_SERVICE}
 * @param name the object's {@code metadata.name}, or the Compose service's name
 * @param change changes the object in place; it receives a mutable deep copy
 */
public record Patch(String kind, String name, Consumer<Map<String, Object>> change) {

  /** The kind that names a Compose service, as the validation report does. */
  public static final String COMPOSE_SERVICE = "ComposeService";

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
   * Applies the change to a deep, mutable copy of {@code object}.
   *
   * @param object the rendered object or Compose service, left unchanged
   * @return the changed copy
   * @throws IllegalArgumentException when the change fails, or leaves a value the output cannot
   *     hold, naming the patch
   */
  public Map<String, Object> applyTo(Map<String, ?> object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) mutableCopy(object);
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
              + ", which the output cannot hold; use only maps with text keys, lists, text,"
              + " numbers, booleans and null");
    }
    return copy;
  }

  /**
   * What in {@code node} the YAML writer cannot write, such as {@code puts a java.lang.Object at
   * spec.x}, or {@code null}: checked here so that the stack's patch is named, not the writer.
   *
   * @param open the maps and lists being checked, to find one that contains itself
   */
  private static String unwritable(Object node, String path, Set<Object> open) {
    String at = path.isEmpty() ? "the top level" : path;
    if (node instanceof Map<?, ?> || node instanceof List<?>) {
      if (!open.add(node)) {
        return "puts a map or list inside itself at " + at;
      }
      String problem = null;
      if (node instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!(entry.getKey() instanceof String key)) {
            problem = "puts a key that is not text (" + entry.getKey() + ") at " + at;
          } else {
            problem = unwritable(entry.getValue(), path.isEmpty() ? key : path + "." + key, open);
          }
          if (problem != null) {
            break;
          }
        }
      } else {
        List<?> list = (List<?>) node;
        for (int i = 0; i < list.size() && problem == null; i++) {
          problem = unwritable(list.get(i), path + "[" + i + "]", open);
        }
      }
      open.remove(node);
      return problem;
    }
    boolean scalar =
        node == null
            || node instanceof String
            || node instanceof Boolean
            || node instanceof Integer
            || node instanceof Long
            || node instanceof Short
            || node instanceof Byte
            || node instanceof BigInteger
            || node instanceof BigDecimal
            || (node instanceof Double d && Double.isFinite(d))
            || (node instanceof Float f && Float.isFinite(f));
    return scalar ? null : "puts a " + node.getClass().getName() + " at " + at;
  }

  private static Object mutableCopy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(String.valueOf(key), mutableCopy(value)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(mutableCopy(item)));
      return copy;
    }
    return node;
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
