package io.stackwright.render.k8s.jsii;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.cdk8s.App;
import org.cdk8s.Chart;
import software.constructs.Construct;

/**
 * The cdk8s values of one render, each made once and then shared by every object that uses it: a
 * duration, a size, a probe, a rollout strategy, a pod volume.
 *
 * <p>Each is an object in the jsii kernel, and making one from Java costs two round trips to the
 * Node.js child: the call, then the jsii runtime asking the kernel for the module's Java names so
 * that it can wrap the result (it does not keep them). A stack repeats the same few values in every
 * service: 200 services made 4,200 of them, 8,400 round trips, for a few dozen distinct values.
 * {@code bench/run} measures what sharing saves (see {@code docs/design/performance.md}).
 *
 * <p>Sharing changes nothing in the output. The values hold no reference to a construct. The
 * constructs that are shared, a pod's volumes, are made in a scope of their own that no chart
 * synthesizes, and give a pod only their name and source, which their key holds. One instance
 * serves one render and is dropped with it, so nothing outlives the objects it was made for.
 */
public final class KernelValues {
  private final Map<List<Object>, Object> made = new HashMap<>();
  private Chart shared;
  private int ids;

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

  /**
   * The construct for {@code key}, made by {@code make} the first time it is asked for, in a scope
   * that no chart synthesizes.
   *
   * @param type the construct's type
   * @param key every setting of the construct, so that equal keys mean equal constructs
   * @param make makes the construct from the scope and an id of its own there
   * @param <T> the construct's type
   * @return the construct
   */
  public <T> T construct(Class<T> type, Object key, BiFunction<Construct, String, T> make) {
    return value(type, key, () -> make.apply(shared(), "shared-" + ++ids));
  }

  private Chart shared() {
    if (shared == null) {
      shared = new Chart(new App(), "shared");
    }
    return shared;
  }
}
