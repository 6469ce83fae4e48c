package io.stackwright.render.k8s;

import io.stackwright.model.Memory;
import java.util.List;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;
import org.cdk8s.plus33.EmptyDirMedium;
import org.cdk8s.plus33.EmptyDirVolumeOptions;
import org.cdk8s.plus33.Volume;

/**
 * The model's quantities as cdk8s values (sizes, CPU quantities), and the {@code emptyDir} volumes
 * of a pod, as the renderer and the cross-cutting defaults ({@link KubernetesEnricher}) both write
 * them.
 */
public final class PodValues {
  private PodValues() {}

  /**
   * A size, in whole gibibytes where it is one, else in mebibytes.
   *
   * @param memory the size
   * @return the size, as Kubernetes writes it ({@code 2Gi}, {@code 512Mi})
   */
  public static Size size(Memory memory) {
    return memory.mebibytes() % 1024 == 0
        ? Size.gibibytes(memory.mebibytes() >> 10)
        : Size.mebibytes(memory.mebibytes());
  }

  /**
   * A CPU quantity.
   *
   * @param cpu the quantity
   * @return the quantity, in millicores
   */
  public static Cpu cpu(io.stackwright.model.Cpu cpu) {
    return Cpu.millis(cpu.millis());
  }

  /**
   * An {@code emptyDir} volume of a workload's pod.
   *
   * @param workload the workload
   * @param name the volume's name
   * @param inMemory its size in memory ({@code medium: Memory}); {@code null} for one on disk
   * @return the volume
   */
  public static Volume emptyDir(WorkloadParts workload, String name, Memory inMemory) {
    if (inMemory == null) {
      return workload.volume(
          List.of("empty-dir", name), (scope, id) -> Volume.fromEmptyDir(scope, id, name));
    }
    return workload.volume(
        List.of("empty-dir", name, inMemory.mebibytes()),
        (scope, id) ->
            Volume.fromEmptyDir(
                scope,
                id,
                name,
                EmptyDirVolumeOptions.builder()
                    .medium(EmptyDirMedium.MEMORY)
                    .sizeLimit(size(inMemory))
                    .build()));
  }
}
