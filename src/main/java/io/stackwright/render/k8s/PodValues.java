package io.stackwright.render.k8s;

import io.stackwright.model.Memory;
import io.stackwright.render.k8s.jsii.KernelValues;
import java.util.List;
import java.util.function.Supplier;
import org.cdk8s.Duration;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;

/**
 * The cdk8s values of one render's pods (durations, sizes, CPU quantities, probes), as the renderer
 * and the cross-cutting defaults ({@link KubernetesEnricher}) both give them to cdk8s-plus. Each is
 * made once per render and shared ({@link KernelValues} says why); a workload's {@link
 * WorkloadParts#values()} gives the render's.
 */
public final class PodValues {
  private final KernelValues values;

  /** Values for one render, none made yet. */
  PodValues() {
    this.values = new KernelValues();
  }

  /**
   * A size, in whole gibibytes where it is one, else in mebibytes.
   *
   * @param memory the size
   * @return the size, as Kubernetes writes it ({@code 2Gi}, {@code 512Mi})
   */
  public Size size(Memory memory) {
    long mebibytes = memory.mebibytes();
    return values.value(
        Size.class,
        List.of("mebibytes", mebibytes),
        () -> mebibytes % 1024 == 0 ? Size.gibibytes(mebibytes >> 10) : Size.mebibytes(mebibytes));
  }

  /**
   * A CPU quantity.
   *
   * @param cpu the quantity
   * @return the quantity, in millicores
   */
  public Cpu cpu(io.stackwright.model.Cpu cpu) {
    return values.value(
        Cpu.class, List.of("millicores", cpu.millis()), () -> Cpu.millis(cpu.millis()));
  }

  /**
   * A duration of whole seconds.
   *
   * @param seconds the seconds
   * @return the duration
   */
  public Duration seconds(int seconds) {
    return values.value(
        Duration.class, List.of("seconds", seconds), () -> Duration.seconds(seconds));
  }

  /**
   * Any other value of the render, made by {@code make} the first time its purpose and key are seen
   * together.
   *
   * @param type the value's type
   * @param purpose how {@code make} makes it, such as {@code probe}: two ways of making values of
   *     one type from equal keys never share a value
   * @param key every setting of the value, so that equal keys mean equal values
   * @param make makes the value
   * @param <T> the value's type
   * @return the value
   */
  public <T> T shared(Class<T> type, String purpose, Object key, Supplier<T> make) {
    return values.value(type, List.of("shared", purpose, key), make);
  }
}
