package io.stackwright.model;

/** How Kubernetes runs a service; Compose runs every kind as one service. */
public enum WorkloadKind {
  /** Stateless and interchangeable replicas. */
  DEPLOYMENT,
  /** One stable identity per replica, with its own persistent volume. */
  STATEFUL_SET
}
