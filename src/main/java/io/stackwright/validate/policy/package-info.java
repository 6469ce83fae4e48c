/**
 * The policy rules of the validation gate: one class per rule, each reading the rendered output of
 * one environment as kubectl and the Compose CLI will read it. Start at {@link
 * io.stackwright.validate.policy.PolicyRules}.
 *
 * <p>Internal: the public API is listed in docs/library.md.
 */
package io.stackwright.validate.policy;
