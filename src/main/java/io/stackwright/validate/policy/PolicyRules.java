package io.stackwright.validate.policy;

import java.util.List;
import java.util.Optional;

/** Every policy rule, in the order reports list them. */
public final class PolicyRules {

  /** The rules. */
  public static final List<PolicyRule> ALL =
      List.of(
          new PodSecurityRestricted(),
          new RequestsAndLimits(),
          new Probes(),
          new PinnedImages(),
          new DisruptionBudget(),
          new NoLiteralSecrets(),
          new ServiceSelectsPods(),
          new ServiceTargetPorts(),
          new ReferencesResolve(),
          new DefaultDenyNetworkPolicy(),
          new BoundedAddressRanges());

  private PolicyRules() {}

  /** {@return the ids of every rule, in order} */
  public static List<String> ids() {
    return ALL.stream().map(PolicyRule::id).toList();
  }

  /**
   * The rule with that id.
   *
   * @param id a rule's id, as a waiver names it
   * @return the rule; empty when no rule has that id
   */
  public static Optional<PolicyRule> find(String id) {
    return ALL.stream().filter(rule -> rule.id().equals(id)).findFirst();
  }
}
