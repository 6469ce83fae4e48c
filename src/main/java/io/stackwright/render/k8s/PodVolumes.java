package io.stackwright.render.k8s;

import io.stackwright.model.Memory;
import java.util.List;
import org.cdk8s.plus33.k8s.ConfigMapVolumeSource;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.KeyToPath;
import org.cdk8s.plus33.k8s.PersistentVolumeClaimVolumeSource;
import org.cdk8s.plus33.k8s.SecretVolumeSource;
import org.cdk8s.plus33.k8s.Volume;

/**
 * The volumes of a pod, as the renderer and the cross-cutting defaults ({@link KubernetesEnricher})
 * mount them ({@link WorkloadParts#mount}): the binding's {@code k8s} structs, written as
 * cdk8s-plus would write its own volumes, which it only copies through, at two kernel round trips
 * for each.
 */
public final class PodVolumes {
  /** {@code 0444}: every file of the volume readable, none writable. */
  private static final int READABLE = 0444;

  /** {@code 0440}: readable by the owner and the pod's group alone. */
  private static final int GROUP_READABLE = 0440;

  private PodVolumes() {}

  /**
   * An {@code emptyDir} volume.
   *
   * @param name the volume's name
   * @param inMemory its size in memory ({@code medium: Memory}); {@code null} for one on disk
   * @return the volume
   */
  public static Volume emptyDir(String name, Memory inMemory) {
    EmptyDirVolumeSource.Builder source = EmptyDirVolumeSource.builder();
    if (inMemory != null) {
      source.medium("Memory").sizeLimit(KubeJson.quantity(inMemory.mebibytes() + "Mi"));
    }
    return Volume.builder().name(name).emptyDir(source.build()).build();
  }

  /**
   * A volume of one key of a Secret, as a file readable by the pod's group alone.
   *
   * @param name the volume's name
   * @param secretName the Secret
   * @param key its key
   * @param file the file's name in the volume
   * @return the volume
   */
  public static Volume secretFile(String name, String secretName, String key, String file) {
    return Volume.builder()
        .name(name)
        .secret(
            SecretVolumeSource.builder()
                .secretName(secretName)
                .defaultMode(GROUP_READABLE)
                .items(List.of(KeyToPath.builder().key(key).path(file).build()))
                .build())
        .build();
  }

  /** A volume of every key of a ConfigMap, each a read-only file of its own name. */
  static Volume configMap(String name, String configMap, List<String> keys) {
    return Volume.builder()
        .name(name)
        .configMap(
            ConfigMapVolumeSource.builder()
                .name(configMap)
                .defaultMode(READABLE)
                .items(keys.stream().map(k -> KeyToPath.builder().key(k).path(k).build()).toList())
                .build())
        .build();
  }

  /** A volume of a PersistentVolumeClaim, named as cdk8s-plus names it. */
  static Volume claim(String claimName) {
    return Volume.builder()
        .name("pvc-" + claimName)
        .persistentVolumeClaim(
            PersistentVolumeClaimVolumeSource.builder()
                .claimName(claimName)
                .readOnly(false)
                .build())
        .build();
  }
}
