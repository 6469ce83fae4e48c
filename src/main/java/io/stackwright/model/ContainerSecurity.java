package io.stackwright.model;

import java.util.List;

/**
 * How a container is confined, on both targets: the one place the hardening rules live. Kubernetes
 * renders it as the pod's and container's {@code securityContext} (Pod Security "restricted"),
 * Compose as {@code user}, {@code read_only}, {@code cap_drop} and {@code security_opt}.
 *
 * <p>Everything but the user and group is fixed: no prop loosens it yet, and one that does must be
 * added here, visibly, so that both targets follow.
 *
 * @param runAsUser numeric user id, never 0
 * @param runAsGroup numeric group id, never 0; also the group that owns mounted volumes
 */
public record ContainerSecurity(long runAsUser, long runAsGroup) {

  /** The user and group a service runs as unless it says otherwise. */
  public static final ContainerSecurity DEFAULT = new ContainerSecurity(10001, 10001);

  /** Rejects root. */
  public ContainerSecurity {
    if (runAsUser < 1 || runAsGroup < 1) {
      throw new IllegalArgumentException("containers never run as user or group 0");
    }
  }

  /** The root filesystem is read-only; writable paths are declared per service. */
  public boolean readOnlyRootFilesystem() {
    return true;
  }

  /** Linux capabilities dropped: all of them. */
  public List<String> droppedCapabilities() {
    return List.of("ALL");
  }

  /** The process cannot gain privileges (setuid binaries, file capabilities). */
  public boolean noNewPrivileges() {
    return true;
  }

  /**
   * The seccomp profile: the container runtime's default (Compose: Docker applies it unless told
   * not to).
   */
  public String seccompProfile() {
    return "RuntimeDefault";
  }
}
