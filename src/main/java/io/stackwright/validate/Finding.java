package io.stackwright.validate;

import java.util.Comparator;

/**
 * One problem a layer found in one environment's output.
 *
 * @param layer the layer that found it
 * @param file the file, relative to {@code dist/<env>/}, or the environment file for a problem with
 *     a waiver
 * @param object the object, {@code Kind/name} ({@code ComposeService/name} in a Compose file), or
 *     {@code ""} for the file as a whole
 * @param field the field's path in the object ({@code spec.template.spec.containers[0].image}), or
 *     {@code ""}
 * @param rule the policy rule's id, or {@code ""} for a tool's finding
 * @param message what is wrong, and what to change
 */
public record Finding(
    Layer layer, String file, String object, String field, String rule, String message) {

  /** Report order: by file, object, field. */
  static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::file)
          .thenComparing(Finding::object)
          .thenComparing(Finding::field)
          .thenComparing(Finding::message);

  /**
   * Empty text for absent parts.
   *
   * @param layer see {@link #layer()}
   * @param file see {@link #file()}
   * @param object see {@link #object()}
   * @param field see {@link #field()}
   * @param rule see {@link #rule()}
   * @param message see {@link #message()}
   */
  public Finding {
    file = file == null ? "" : file;
    object = object == null ? "" : object;
    field = field == null ? "" : field;
    rule = rule == null ? "" : rule;
  }

  /** {@return {@code object: field: message [layer rule]}, leaving out the empty parts; no file} */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (!object.isEmpty()) {
      text.append(object).append(": ");
    }
    if (!field.isEmpty()) {
      text.append(field).append(": ");
    }
    text.append(message).append(" [").append(layer.label());
    if (!rule.isEmpty()) {
      text.append(' ').append(rule);
    }
    return text.append(']').toString();
  }
}
