package io.stackwright.stack;

import io.stackwright.model.StackModel;
import io.stackwright.services.Backend;
import io.stackwright.services.Postgres;

/** The flagship stack: a backend API and the PostgreSQL database it uses. */
public final class ShopStack implements StackDefinition<ShopEnvironment> {

  /** The stack's name: {@code app.kubernetes.io/part-of} and the namespace prefix. */
  public static final String NAME = "shop";

  @Override
  public Class<ShopEnvironment> propsType() {
    return ShopEnvironment.class;
  }

  @Override
  public StackModel define(String environment, ShopEnvironment props) {
    String namespace = props.namespace() != null ? props.namespace() : NAME + "-" + environment;
    Stack stack = new Stack(NAME, environment, namespace, isDevelopment(environment));
    Postgres postgres = new Postgres(stack, props.postgres());
    new Backend(stack, props.backend(), postgres);
    return stack.toModel();
  }
}
