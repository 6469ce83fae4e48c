package io.stackwright.model;

import java.util.Objects;

/**
 * Data that must outlive the container: a volume claim template on a Kubernetes StatefulSet, a
 * named volume in Compose.
 *
 * @param volume volume name (Compose volume {@code <service>-<volume>})
 * @param mountPath where the container sees it
 * @param size requested capacity (Kubernetes only: Compose volumes are not sized)
 * @param storageClass Kubernetes StorageClass, or {@code null} for the cluster's default
 */
public record PersistentData(String volume, String mountPath, Memory size, String storageClass) {

  /**
   * Requires a name, an absolute path and a size.
   *
   * @param volume see {@link #volume()}
   * @param mountPath see {@link #mountPath()}
   * @param size see {@link #size()}
   * @param storageClass see {@link #storageClass()}
   */
  public PersistentData {
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(size, "size");
    if (mountPath == null || !mountPath.startsWith("/")) {
      throw new IllegalArgumentException("mount path must be absolute, got " + mountPath);
    }
  }
}
