package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;

/**
 * Requests and limits as written in an environment file; every key is optional and falls back to
 * the service's documented default.
 *
 * @param cpu CPU request, e.g. {@code 250m}. Default: the service's.
 * @param memory memory request, e.g. {@code 256Mi}. Default: the service's.
 * @param cpuLimit CPU limit. Default: twice {@code cpu} when {@code cpu} is given, else the
 *     service's.
 * @param memoryLimit memory limit. Default: {@code memory} when it is given (memory is not
 *     overcommitted), else the service's.
 */
public record ResourcesProps(Cpu cpu, Memory memory, Cpu cpuLimit, Memory memoryLimit) {

  /**
   * Rejects limits below their requests when both are given.
   *
   * @param cpu see {@link #cpu()}
   * @param memory see {@link #memory()}
   * @param cpuLimit see {@link #cpuLimit()}
   * @param memoryLimit see {@link #memoryLimit()}
   */
  public ResourcesProps {
    if (cpu != null && cpuLimit != null && cpuLimit.compareTo(cpu) < 0) {
      throw new InvalidPropException(
          "cpuLimit",
          "cpuLimit " + cpuLimit + " is below the request cpu " + cpu,
          "raise cpuLimit to at least " + cpu + " or lower cpu");
    }
    if (memory != null && memoryLimit != null && memoryLimit.compareTo(memory) < 0) {
      throw new InvalidPropException(
          "memoryLimit",
          "memoryLimit " + memoryLimit + " is below the request memory " + memory,
          "raise memoryLimit to at least " + memory + " or lower memory");
    }
  }

  /**
   * These props with every absent key filled in from {@code defaults} and checked, so that the
   * result converts to {@link Resources} without failing; {@code props} may be {@code null}.
   *
   * @throws InvalidPropException when a limit ends up below its request
   */
  static ResourcesProps complete(ResourcesProps props, Resources defaults) {
    if (props == null) {
      return of(defaults);
    }
    Cpu cpu = props.cpu() != null ? props.cpu() : defaults.cpu();
    Memory memory = props.memory() != null ? props.memory() : defaults.memory();
    Cpu cpuLimit =
        props.cpuLimit() != null
            ? props.cpuLimit()
            : props.cpu() != null ? props.cpu().times(2) : defaults.cpuLimit();
    Memory memoryLimit =
        props.memoryLimit() != null
            ? props.memoryLimit()
            : props.memory() != null ? props.memory() : defaults.memoryLimit();
    try {
      return of(new Resources(cpu, memory, cpuLimit, memoryLimit));
    } catch (IllegalArgumentException e) {
      throw new InvalidPropException(
          "resources",
          e.getMessage() + " (after applying the defaults " + describe(defaults) + ")",
          "set both the request and its limit");
    }
  }

  /**
   * The requests and limits these props give, with every absent key taken from {@code defaults} as
   * the keys' documentation says: for a service of one's own whose props record holds a {@code
   * ResourcesProps}.
   *
   * @param props the props as loaded, or {@code null} when the section is absent
   * @param defaults the service's defaults
   * @return the requests and limits
   * @throws InvalidPropException when a limit ends up below its request
   */
  public static Resources orDefaults(ResourcesProps props, Resources defaults) {
    return complete(props, defaults).toResources();
  }

  /** The props of fully resolved resources. */
  private static ResourcesProps of(Resources r) {
    return new ResourcesProps(r.cpu(), r.memory(), r.cpuLimit(), r.memoryLimit());
  }

  /** The resources, once {@link #complete} has filled in every key. */
  Resources toResources() {
    return new Resources(cpu, memory, cpuLimit, memoryLimit);
  }

  private static String describe(Resources r) {
    return "cpu "
        + r.cpu()
        + ", memory "
        + r.memory()
        + ", cpuLimit "
        + r.cpuLimit()
        + ", memoryLimit "
        + r.memoryLimit();
  }
}
