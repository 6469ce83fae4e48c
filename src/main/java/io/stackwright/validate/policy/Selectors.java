package io.stackwright.validate.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Kubernetes label selectors, matched against a pod template's labels. */
final class Selectors {
  private Selectors() {}

  /** A Service's or ReplicationController's selector: every pair must be among the labels. */
  static boolean matchesEquality(Map<String, Object> selector, Map<String, Object> labels) {
    return selector.entrySet().stream()
        .allMatch(e -> Objects.equals(text(e.getValue()), text(labels.get(e.getKey()))));
  }

  /**
   * A {@code LabelSelector} ({@code matchLabels}, {@code matchExpressions}). An empty selector
   * matches every pod; a missing one ({@code null}) matches none, as for a PodDisruptionBudget.
   */
  static boolean matches(Object selector, Map<String, Object> labels) {
    if (!(selector instanceof Map<?, ?>)) {
      return false;
    }
    if (!matchesEquality(Nodes.map(selector, "matchLabels"), labels)) {
      return false;
    }
    for (Object expression : Nodes.list(selector, "matchExpressions")) {
      String key = Nodes.text(expression, "key");
      String operator = Nodes.text(expression, "operator");
      List<String> values = Nodes.list(expression, "values").stream().map(Selectors::text).toList();
      String label = text(labels.get(key));
      boolean match =
          switch (operator == null ? "" : operator) {
            case "In" -> label != null && values.contains(label);
            case "NotIn" -> label == null || !values.contains(label);
            case "Exists" -> label != null;
            case "DoesNotExist" -> label == null;
            default -> false;
          };
      if (!match) {
        return false;
      }
    }
    return true;
  }

  /** Whether a selector selects every pod: no labels and no expressions. */
  static boolean isEmpty(Object selector) {
    return selector == null
        || (selector instanceof Map<?, ?>
            && Nodes.isEmpty(Nodes.at(selector, "matchLabels"))
            && Nodes.isEmpty(Nodes.at(selector, "matchExpressions")));
  }

  private static String text(Object value) {
    return value == null ? null : String.valueOf(value);
  }
}
