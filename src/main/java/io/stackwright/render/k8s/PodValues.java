package io.stackwright.render.k8s;

import io.stackwright.model.Memory;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.cdk8s.Duration;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;
import org.cdk8s.plus33.EmptyDirMedium;
import org.cdk8s.plus33.EmptyDirVolumeOptions;
import org.cdk8s.plus33.ISecret;
import org.cdk8s.plus33.Probe;
import org.cdk8s.plus33.Volume;
import software.constructs.Construct;

/**
 * The cdk8s values a pod is given (durations, sizes, CPU quantities, probes, volumes and the
 * Secrets they read), made as the renderer makes its own: each is an object in the jsii kernel,
 * made once per value and shared ({@link JsiiValues}). The cross-cutting defaults ({@link
 * KubernetesEnricher}) make theirs here.
 */
public final class PodValues {
  private PodValues() {}

  /**
   * A duration.
   *
   * @param seconds whole seconds
   * @return the duration
   */
  public static Duration seconds(int seconds) {
    return JsiiValues.seconds(seconds);
  }

  /**
   * A size, in whole gibibytes where it is one, else in mebibytes.
   *
   * @param memory the size
   * @return the size, as Kubernetes writes it ({@code 2Gi}, {@code 512Mi})
   */
  public static Size size(Memory memory) {
    return memory.mebibytes() % 1024 == 0
        ? JsiiValues.gibibytes(memory.mebibytes() >> 10)
        : JsiiValues.mebibytes(memory.mebibytes());
  }

  /**
   * A CPU quantity.
   *
   * @param cpu the quantity
   * @return the quantity, in millicores
   */
  public static Cpu cpu(io.stackwright.model.Cpu cpu) {
    return JsiiValues.millis(cpu.millis());
  }

  /**
   * An {@code emptyDir} volume.
   *
   * @param name the volume's name
   * @param inMemory its size in memory ({@code medium: Memory}); {@code null} for one on disk
   * @return the volume
   */
  public static Volume emptyDir(String name, Memory inMemory) {
    if (inMemory == null) {
      return JsiiValues.volume(
          List.of("empty-dir", name), (scope, id) -> Volume.fromEmptyDir(scope, id, name));
    }
    return JsiiValues.volume(
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

  /**
   * A volume, made by {@code make} the first time {@code key} is seen.
   *
   * @param key the volume's name and every setting of its source, so that equal keys mean equal
   *     volumes
   * @param make makes the volume from a scope and a construct id unique in it
   * @return the volume
   */
  public static Volume volume(Object key, BiFunction<Construct, String, Volume> make) {
    return JsiiValues.volume(key, make);
  }

  /**
   * A reference to a Secret, for a volume to read it from.
   *
   * @param name the Secret's name
   * @return the reference
   */
  public static ISecret secret(String name) {
    return JsiiValues.secret(name);
  }

  /**
   * A probe, made by {@code make} the first time {@code key} is seen.
   *
   * @param key every setting of the probe, so that equal keys mean equal probes
   * @param make makes the probe
   * @return the probe
   */
  public static Probe probe(Object key, Supplier<Probe> make) {
    return JsiiValues.probe(key, k -> make.get());
  }
}
