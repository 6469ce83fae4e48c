package io.stackwright.validate.policy;

import java.util.List;

/**
 * A rule the rendered output of every environment must follow. Rules read the output as kubectl
 * will (see {@link PolicyInput}), so they hold for every object, however it was made. A rule that
 * must not apply to one object is waived in the environment file, with a reason.
 */
public interface PolicyRule {

  /**
   * The rule's id, as waivers and reports name it: lower case words joined by {@code -}.
   *
   * @return the id, such as {@code default-deny-network-policy}
   */
  String id();

  /** {@return what the rule requires, in one sentence} */
  String description();

  /**
   * Every violation of the rule in the input, in a stable order.
   *
   * @param input one environment's output
   * @return the violations; empty when the input follows the rule
   */
  List<Violation> check(PolicyInput input);
}
