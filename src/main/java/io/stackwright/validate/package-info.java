/**
 * The validation gate every synth passes before anything is written: the policy rules ({@link
 * io.stackwright.validate.policy}), kubeconform against the target Kubernetes version's strict
 * schemas, and the Compose CLI's {@code config}. Start at {@link
 * io.stackwright.validate.ValidationGate}.
 *
 * <p>Internal, but for {@link io.stackwright.validate.Waiver}, which a props record of one's own
 * holds: the public API is listed in docs/library.md.
 */
package io.stackwright.validate;
