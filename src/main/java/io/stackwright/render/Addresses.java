package io.stackwright.render;

import io.stackwright.model.EnvValue;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/** Resolves environment values to text for one target. */
public final class Addresses {
  private Addresses() {}

  /**
   * The environment of a service with every {@link EnvValue.ServiceHost} resolved by {@code
   * hostOf}.
   *
   * @param env the service's environment
   * @param hostOf the target's address of a service, given its name
   * @return every variable as the text that target sees, sorted by name
   */
  public static Map<String, String> resolve(
      Map<String, EnvValue> env, UnaryOperator<String> hostOf) {
    Map<String, String> resolved = new TreeMap<>();
    env.forEach(
        (key, value) -> {
          String text;
          if (value instanceof EnvValue.Literal literal) {
            text = literal.value();
          } else if (value instanceof EnvValue.ServiceHost host) {
            text = hostOf.apply(host.service());
          } else {
            throw new IllegalStateException("unhandled value " + value);
          }
          resolved.put(key, text);
        });
    return resolved;
  }
}
