package io.stackwright.model;

import java.util.Objects;

/**
 * The value of one environment variable. Most are literal; a {@link ServiceHost} names another
 * service and becomes the address of that service on each target, so that a reference is typed
 * rather than a string written twice.
 */
public sealed interface EnvValue permits EnvValue.Literal, EnvValue.ServiceHost {

  /**
   * A literal value.
   *
   * @param value the text
   * @return a {@link Literal}
   */
  static EnvValue of(String value) {
    return new Literal(value);
  }

  /**
   * A literal number.
   *
   * @param value the number
   * @return a {@link Literal} of its decimal text
   */
  static EnvValue of(int value) {
    return new Literal(Integer.toString(value));
  }

  /**
   * A value used as is on both targets.
   *
   * @param value the text
   */
  record Literal(String value) implements EnvValue {
    /**
     * Requires a value.
     *
     * @param value see {@link #value()}
     */
    public Literal {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * The host name of another service of the stack: its Kubernetes Service DNS name, or its Compose
   * service name.
   *
   * @param service the name of the service
   */
  record ServiceHost(String service) implements EnvValue {
    /**
     * Requires a name.
     *
     * @param service see {@link #service()}
     */
    public ServiceHost {
      Objects.requireNonNull(service, "service");
    }
  }
}
