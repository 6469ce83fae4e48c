package io.stackwright.validate.policy;

/**
 * One place where the output breaks a rule.
 *
 * @param file the file, relative to {@code dist/<env>/}
 * @param object the object, {@code Kind/name}: a Kubernetes object, or {@code ComposeService/name}
 *     and {@code ComposeSecret/name} in the Compose file
 * @param field the field's path in the object ({@code spec.template.spec.containers[0].image}), or
 *     {@code ""} for the object as a whole
 * @param message what is wrong, and what to change
 */
public record Violation(String file, String object, String field, String message) {

  /** A violation in a Kubernetes object. */
  static Violation of(KubeObject object, String field, String message) {
    return new Violation(object.file(), object.ref(), field, message);
  }
}
