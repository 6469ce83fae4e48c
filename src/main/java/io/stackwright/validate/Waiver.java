package io.stackwright.validate;

import io.stackwright.env.InvalidPropException;
import io.stackwright.validate.policy.PolicyRules;
import java.util.regex.Pattern;

/**
 * Exempts one object from one policy rule in one environment, for a reason that the report prints
 * on every synth. Written in the environment file:
 *
 * <pre>
 * waivers:
 *   - rule: probes
 *     object: Deployment/batch-worker
 *     reason: polls a queue and has no port to probe; restarts on its own when stuck
 * </pre>
 *
 * <p>A waiver that matches no finding is an error: it would silently cover the next real problem.
 *
 * @param rule the id of a policy rule. Required.
 * @param object the exempt object as {@code Kind/name}, e.g. {@code Deployment/backend}, or {@code
 *     ComposeService/name} for a service of the Compose file. Required.
 * @param reason why the rule does not apply. Required, not blank, one line without control or
 *     format characters (every synth prints it).
 */
public record Waiver(String rule, String object, String reason) {

  private static final Pattern OBJECT =
      Pattern.compile("[A-Z][A-Za-z0-9]*/[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  /**
   * Checks that the rule exists and the object and reason are given.
   *
   * @param rule see {@link #rule()}
   * @param object see {@link #object()}
   * @param reason see {@link #reason()}
   */
  public Waiver {
    if (rule == null) {
      throw new InvalidPropException(
          "rule", "missing required key \"rule\"", "add rule: <rule id>");
    }
    if (PolicyRules.find(rule).isEmpty()) {
      throw new InvalidPropException(
          "rule",
          "unknown policy rule \"" + rule + "\"",
          "use one of: " + String.join(", ", PolicyRules.ids()));
    }
    if (object == null) {
      throw new InvalidPropException(
          "object", "missing required key \"object\"", "add object: <Kind>/<name>");
    }
    if (!OBJECT.matcher(object).matches()) {
      throw new InvalidPropException(
          "object",
          "\"" + object + "\" does not name an object",
          "write Kind/name as the report prints it, e.g. Deployment/backend");
    }
    if (reason == null || reason.isBlank()) {
      throw new InvalidPropException(
          "reason", "a waiver needs a reason", "say why the rule does not apply to this object");
    }
    // Every synth prints the reason: a control character could forge or hide lines of its output.
    if (reason
        .chars()
        .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
      throw new InvalidPropException(
          "reason",
          "a waiver reason holds a control or format character",
          "write the reason on one line of plain text");
    }
  }
}
