package io.stackwright.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Kubernetes object given as a map, written to the output as it is: an escape hatch for what the
 * model does not describe. It passes the validation gate like every other object.
 *
 * @param body the object; copied deeply and immutably, so later changes to the map given do not
 *     reach the output
 */
public record RawObject(Map<String, Object> body) {

  /**
   * Checks that the object says what it is, and copies it.
   *
   * @param body see {@link #body()}
   */
  public RawObject {
    for (String field : List.of("apiVersion", "kind")) {
      if (!(body.get(field) instanceof String text) || text.isEmpty()) {
        throw new IllegalArgumentException("a raw object needs a " + field);
      }
    }
    if (!(body.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("name") instanceof String name)
        || name.isEmpty()) {
      throw new IllegalArgumentException("raw " + body.get("kind") + " needs metadata.name");
    }
    body = castMap(copy(body));
  }

  /** {@return {@code Kind/name}, as reports name it} */
  public String ref() {
    return body.get("kind") + "/" + ((Map<?, ?>) body.get("metadata")).get("name");
  }

  private static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, value) -> copy.put(String.valueOf(key), copy(value)));
      return Collections.unmodifiableMap(copy);
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(copy(item)));
      return Collections.unmodifiableList(copy);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object map) {
    return (Map<String, Object>) map;
  }
}
