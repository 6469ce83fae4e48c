package io.stackwright.validate.policy;

import java.util.List;
import java.util.Map;

/**
 * Reads the generic trees a YAML reader makes of a manifest: maps, lists and scalars, any of which
 * may be missing or of another type than expected. Every accessor answers an empty value rather
 * than fail, so that a rule never crashes on a malformed object (kubeconform reports those).
 */
final class Nodes {
  private Nodes() {}

  /** The value at {@code path} below {@code node}, or {@code null}. */
  static Object at(Object node, String... path) {
    Object current = node;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  /** The map at {@code path}, or an empty map. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... path) {
    return at(node, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /** The list at {@code path}, or an empty list. */
  static List<?> list(Object node, String... path) {
    return at(node, path) instanceof List<?> list ? list : List.of();
  }

  /** The text at {@code path}, or {@code null} when absent or not a scalar. */
  static String text(Object node, String... path) {
    Object value = at(node, path);
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? String.valueOf(value)
        : null;
  }

  /** Whether the value at {@code path} is the boolean {@code true}. */
  static boolean isTrue(Object node, String... path) {
    return Boolean.TRUE.equals(at(node, path));
  }

  /** Whether the value at {@code path} is the boolean {@code false}. */
  static boolean isFalse(Object node, String... path) {
    return Boolean.FALSE.equals(at(node, path));
  }

  /** The integer at {@code path}, or {@code null} when absent or not an integer. */
  static Long integer(Object node, String... path) {
    Object value = at(node, path);
    return value instanceof Integer || value instanceof Long ? ((Number) value).longValue() : null;
  }

  /** Whether the value is absent, an empty map, list or text. */
  static boolean isEmpty(Object value) {
    return value == null
        || (value instanceof Map<?, ?> map && map.isEmpty())
        || (value instanceof List<?> list && list.isEmpty())
        || (value instanceof String text && text.isEmpty());
  }
}
