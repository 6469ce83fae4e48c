package io.stackwright.render.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.validate.policy.PolicyRules;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every default names its twin rule, no two share one, and every rule that judges a default has
 * one: a rule is either the twin of a default, or listed here with why it judges none.
 */
class EnrichersTest {

  /** The rules that judge something other than a default a renderer adds, and what they judge. */
  static final Map<String, String> NOT_DEFAULTS =
      Map.of(
          "pinned-images",
          "the image and its tag are the stack's choice, per environment: a renderer cannot pin"
              + " what it is not told",
          "references-resolve",
          "that what a pod refers to exists: the consistency of the whole output, patches and"
              + " raw objects included, not one default",
          "service-target-ports",
          "that a Service targets a port its pods declare: both come from the service's own"
              + " ports, not from a default",
          "bounded-address-ranges",
          "the address ranges the environment file gives (the cluster's network, the proxies"
              + " nginx trusts): the environment's facts, not a default");

  private static List<String> rules() {
    return Enrichers.all().stream().map(Enricher::rule).toList();
  }

  @Test
  void everyDefaultNamesARuleThatExistsAndNoTwoShareOne() {
    assertThat(rules()).doesNotHaveDuplicates().isSubsetOf(PolicyRules.ids());
  }

  @Test
  void everyRuleIsTheTwinOfADefaultOrSaysWhatItJudgesInstead() {
    assertThat(rules()).doesNotContainAnyElementsOf(NOT_DEFAULTS.keySet());
    TreeSet<String> covered = new TreeSet<>(rules());
    covered.addAll(NOT_DEFAULTS.keySet());
    assertThat(covered).isEqualTo(new TreeSet<>(PolicyRules.ids()));
  }

  @Test
  void eachDefaultIsAppliedOnce() {
    assertThat(Enrichers.all().stream().map(Object::getClass).toList()).doesNotHaveDuplicates();
  }
}
