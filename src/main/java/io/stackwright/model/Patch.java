package io.stackwright.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

  /** Requires all three. */
  public Patch {
    if (kind == null || kind.isEmpty() || name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a patch needs a kind and a name");
    }
    Objects.requireNonNull(change, "change");
  }

  /** Whether it patches a Compose service rather than a Kubernetes object. */
  public boolean compose() {
    return kind.equals(COMPOSE_SERVICE);
  }

  /** {@code Kind/name}, as reports name it. */
  public String ref() {
    return kind + "/" + name;
  }

  /**
   * Applies the change to a deep, mutable copy of {@code object}.
   *
   * @return the changed copy
   * @throws IllegalArgumentException when the change fails, naming the patch
   */
  public Map<String, Object> applyTo(Map<String, ?> object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) mutableCopy(object);
    try {
      change.accept(copy);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("patch " + ref() + " failed: " + e, e);
    }
    return copy;
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
