package io.stackwright.stack;

import io.stackwright.model.StackModel;

/**
 * A stack described in Java: which services, who talks to whom. Its per-environment settings are a
 * record of type {@code P}, loaded from {@code environments/<env>.yaml}.
 *
 * @param <P> the record an environment file binds to
 */
public interface StackDefinition<P extends Record> {

  /** The record type environment files bind to. */
  Class<P> propsType();

  /**
   * Defines the stack for one environment.
   *
   * @param environment the environment's name (its file name without {@code .yaml})
   * @param props its settings
   */
  StackModel define(String environment, P props);
}
