package io.stackwright.model;

import java.util.Objects;

/**
 * Requests and limits of one container, all four always set: the scheduler needs requests, and
 * limits keep one service from starving the others on both targets.
 *
 * @param cpu CPU request (Compose: {@code deploy.resources.reservations.cpus})
 * @param memory memory request (Compose: {@code deploy.resources.reservations.memory})
 * @param cpuLimit CPU limit, at least {@code cpu}
 * @param memoryLimit memory limit, at least {@code memory}; derived config (database buffers, cache
 *     sizes) is computed from it
 */
public record Resources(Cpu cpu, Memory memory, Cpu cpuLimit, Memory memoryLimit) {

  /**
   * Rejects missing values and limits below requests.
   *
   * @param cpu see {@link #cpu()}
   * @param memory see {@link #memory()}
   * @param cpuLimit see {@link #cpuLimit()}
   * @param memoryLimit see {@link #memoryLimit()}
   */
  public Resources {
    Objects.requireNonNull(cpu, "cpu");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(cpuLimit, "cpuLimit");
    Objects.requireNonNull(memoryLimit, "memoryLimit");
    if (cpuLimit.compareTo(cpu) < 0) {
      throw new IllegalArgumentException("cpuLimit " + cpuLimit + " is below the request " + cpu);
    }
    if (memoryLimit.compareTo(memory) < 0) {
      throw new IllegalArgumentException(
          "memoryLimit " + memoryLimit + " is below the request " + memory);
    }
  }
}
