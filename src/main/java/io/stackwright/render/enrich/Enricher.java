package io.stackwright.render.enrich;

import io.stackwright.render.compose.ComposeEnricher;
import io.stackwright.render.k8s.KubernetesEnricher;

/**
 * One cross-cutting default, applied to every service on both targets: its Compose half ({@link
 * ComposeEnricher}) and its Kubernetes half ({@link KubernetesEnricher}), side by side in one
 * class, each the mirror of the policy rule that checks the output ({@link #rule()}). Where a
 * target has no counterpart, the class says so in a hook that adds nothing, rather than leaving it
 * out.
 */
public interface Enricher extends ComposeEnricher, KubernetesEnricher {

  /**
   * The policy rule that checks what this default makes: its twin. Without the default, the rule
   * fails; with it, the rule passes.
   *
   * @return the rule's id, as {@link io.stackwright.validate.policy.PolicyRules} lists it
   */
  String rule();
}
