package io.stackwright.model;

import java.util.List;

/**
 * How a container is confined, on both targets: the one place the hardening rules live. Kubernetes
 * renders it as the pod's and container's {@code securityContext} (Pod Security "restricted"),
 * Compose as {@code user}, {@code read_only}, {@code cap_drop} and {@code security_opt}.
 *
 * <p>Everything but the user and group is fixed, except one loosening that must say why: a writable
 * root filesystem, for an image that writes where it cannot be given a scratch volume. Both targets
 * follow, and the reason is written beside the setting in {@code dist/}.
 *
 * @param runAsUser numeric user id, never 0
 * @param runAsGroup numeric group id, never 0; also the group that owns mounted volumes
 * @param writableRootReason why the root filesystem is writable, or {@code null} (the default): it
 *     is read-only
 */
public record ContainerSecurity(long runAsUser, long runAsGroup, String writableRootReason) {

  /** The user and group a service runs as unless it says otherwise. */
  public static final ContainerSecurity DEFAULT = new ContainerSecurity(10001, 10001);

  /**
   * Rejects root, and a loosening without a reason.
   *
   * @param runAsUser see {@link #runAsUser()}
   * @param runAsGroup see {@link #runAsGroup()}
   * @param writableRootReason see {@link #writableRootReason()}
   */
  public ContainerSecurity {
    if (runAsUser < 1 || runAsGroup < 1) {
      throw new IllegalArgumentException("containers never run as user or group 0");
    }
    if (writableRootReason != null && writableRootReason.isBlank()) {
      throw new IllegalArgumentException("a writable root filesystem needs a reason");
    }
  }

  /**
   * A confinement with a read-only root filesystem.
   *
   * @param runAsUser numeric user id, never 0
   * @param runAsGroup numeric group id, never 0
   */
  public ContainerSecurity(long runAsUser, long runAsGroup) {
    this(runAsUser, runAsGroup, null);
  }

  /**
   * Whether the root filesystem is read-only; writable paths are then declared per service.
   *
   * @return {@code true} unless a reason for a writable root filesystem was given
   */
  public boolean readOnlyRootFilesystem() {
    return writableRootReason == null;
  }

  /** {@return the Linux capabilities dropped: all of them} */
  public List<String> droppedCapabilities() {
    return List.of("ALL");
  }

  /** {@return true: the process cannot gain privileges (setuid binaries, file capabilities)} */
  public boolean noNewPrivileges() {
    return true;
  }

  /**
   * The seccomp profile: the container runtime's default (Compose: Docker applies it unless told
   * not to).
   *
   * @return {@code RuntimeDefault}
   */
  public String seccompProfile() {
    return "RuntimeDefault";
  }
}
