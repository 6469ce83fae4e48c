package io.stackwright.render.k8s.jsii;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The cdk8s values of one render, each made once and then shared by every object that uses it: a
 * duration, a size, a probe, a rollout strategy.
 *
 * <p>Each is an object in the jsii kernel, and making one from Java costs two round trips to the
 * Node.js child: the call, then the jsii runtime asking the kernel for the module's Java names so
 * that it can wrap the result (it does not keep them). A stack repeats the same few values in every
 * service: 200 services made 4,200 of them, 8,400 round trips, for a few dozen distinct values.
 * {@code bench/run} measures what sharing saves (see {@code docs/design/performance.md}).
 *
 * <p>Sharing changes nothing in the output: the values are immutable and hold no reference to a
 * construct. One instance serves one render and is dropped with it, so nothing outlives the objects
 * it was made for.
 */
public final class KernelValues {
  private final Map<List<Object>, Object> made = new HashMap<>();

  /** Values for one render, none made yet. */
  public KernelValues() {}

  /**
   * The value for {@code key}, made by {@code make} the first time it is asked for.
   *
   * @param type the value's type
   * @param key every setting of the value, so that equal keys mean equal values
   * @param make makes the value
   * @param <T> the value's type
   * @return the value
   */
  public <T> T value(Class<T> type, Object key, Supplier<T> make) {
    List<Object> fullKey = List.of(type, key);
    Object value = made.get(fullKey);
    if (value == null) {
      value = make.get();
      made.put(fullKey, value);
    }
    return type.cast(value);
  }
}
