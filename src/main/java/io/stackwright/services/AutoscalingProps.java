package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Autoscaling;

/**
 * Horizontal autoscaling on CPU ({@code autoscaling:} under a stateless service). Kubernetes only:
 * Compose runs one replica.
 *
 * @param minReplicas fewest replicas, 1–100. Default: 2, so that a disruption budget can always let
 *     one go.
 * @param maxReplicas most replicas, {@code minReplicas}–100. Required.
 * @param cpuUtilization target average CPU use in percent of the request, 10–100. Default: 70.
 */
public record AutoscalingProps(Integer minReplicas, Integer maxReplicas, Integer cpuUtilization) {
  /**
   * Applies the defaults and checks the bounds.
   *
   * @param minReplicas see {@link #minReplicas()}
   * @param maxReplicas see {@link #maxReplicas()}
   * @param cpuUtilization see {@link #cpuUtilization()}
   */
  public AutoscalingProps {
    minReplicas = Range.check("minReplicas", minReplicas, 2, 1, 100);
    if (maxReplicas == null) {
      throw new InvalidPropException(
          "maxReplicas", "missing required key \"maxReplicas\"", "set maxReplicas: 2-100");
    }
    maxReplicas = Range.check("maxReplicas", maxReplicas, maxReplicas, minReplicas, 100);
    cpuUtilization = Range.check("cpuUtilization", cpuUtilization, 70, 10, 100);
  }

  /** {@return the model's form} */
  public Autoscaling toAutoscaling() {
    return new Autoscaling(minReplicas, maxReplicas, cpuUtilization);
  }
}
