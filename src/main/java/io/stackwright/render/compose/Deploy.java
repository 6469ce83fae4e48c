package io.stackwright.render.compose;

/**
 * A service's {@code deploy} section: the resources it reserves and may use at most.
 *
 * @param resources the resources
 */
public record Deploy(Resources resources) {

  /**
   * Limits and reservations, as Kubernetes has limits and requests.
   *
   * @param limits the most it may use
   * @param reservations what it is given
   */
  public record Resources(Quantities limits, Quantities reservations) {}

  /**
   * An amount of CPU and memory.
   *
   * @param cpus cores, such as {@code 0.5}
   * @param memory bytes, such as {@code 512m}
   */
  public record Quantities(String cpus, String memory) {}
}
