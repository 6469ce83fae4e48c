/**
 * The service model both renderers read. Public API: the value types a stack is written with
 * ({@link io.stackwright.model.ImageRef}, {@link io.stackwright.model.Cpu}, {@link
 * io.stackwright.model.Memory}, {@link io.stackwright.model.Resources}, {@link
 * io.stackwright.model.Autoscaling}, {@link io.stackwright.model.Probe}, {@link
 * io.stackwright.model.SecretFile}, {@link io.stackwright.model.Endpoint}, {@link
 * io.stackwright.model.EnvValue}, {@link io.stackwright.model.Exposure}, {@link
 * io.stackwright.model.ClusterNetwork}) and {@link io.stackwright.model.StackModel}, which a
 * definition returns. The rest is internal: public for the renderers in other packages.
 */
package io.stackwright.model;
