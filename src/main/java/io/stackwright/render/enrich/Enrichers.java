package io.stackwright.render.enrich;

import java.util.List;

/**
 * Every cross-cutting default, in the order each renderer applies them. The order matters only
 * where two add to the same list: the hardening's scratch volumes are mounted before the secrets.
 *
 * <p>To add a default: write a class of this package that implements {@link Enricher}, with both
 * halves (a target without a counterpart says so in a hook that adds nothing) and its twin rule;
 * add it here; list in {@code TwinRulesTest} the targets on which its rule fails without it; and
 * test what it adds in a test class named after it.
 */
public final class Enrichers {
  private static final List<Enricher> ALL =
      List.of(
          new Hardening(),
          new LabelsAndSelectors(),
          new NetworkIsolation(),
          new Disruption(),
          new HealthChecks(),
          new Secrets(),
          new RequestsAndLimits());

  private Enrichers() {}

  /** {@return every default, in the order they are applied} */
  public static List<Enricher> all() {
    return ALL;
  }
}
