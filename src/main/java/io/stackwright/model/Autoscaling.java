package io.stackwright.model;

/**
 * Kubernetes horizontal autoscaling on CPU. Compose cannot express it and runs one replica.
 *
 * @param minReplicas fewest replicas, at least 1
 * @param maxReplicas most replicas, at least {@code minReplicas}
 * @param cpuUtilization target average CPU use, in percent of the request, 10–100
 */
public record Autoscaling(int minReplicas, int maxReplicas, int cpuUtilization) {
  /**
   * Checks the bounds.
   *
   * @param minReplicas see {@link #minReplicas()}
   * @param maxReplicas see {@link #maxReplicas()}
   * @param cpuUtilization see {@link #cpuUtilization()}
   */
  public Autoscaling {
    if (minReplicas < 1 || maxReplicas < minReplicas) {
      throw new IllegalArgumentException(
          "autoscaling needs 1 <= minReplicas <= maxReplicas, got "
              + minReplicas
              + ".."
              + maxReplicas);
    }
    if (cpuUtilization < 10 || cpuUtilization > 100) {
      throw new IllegalArgumentException("autoscaling target must be 10-100 %");
    }
  }
}
