package io.stackwright.stack;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.StackModel;
import io.stackwright.validate.Waiver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.List;

/**
 * A stack described in Java: which services, who talks to whom. Its per-environment settings are a
 * record of type {@code P}, loaded from {@code environments/<env>.yaml}.
 *
 * @param <P> the record an environment file binds to
 */
public interface StackDefinition<P extends Record> {

  /**
   * The record type environment files bind to.
   *
   * @return by default the type argument the class gives {@code StackDefinition}, such as {@code
   *     Settings} for {@code implements StackDefinition<Settings>}, found through its superclasses
   *     and interfaces; a class that leaves it unbound (a raw type, or a type variable of its own)
   *     overrides this
   * @throws IllegalStateException by default, when the class leaves the type argument unbound
   */
  @SuppressWarnings("unchecked")
  default Class<P> propsType() {
    return (Class<P>) PropsType.of(getClass());
  }

  /**
   * {@return the stack's name: its objects' {@code app.kubernetes.io/part-of} label, its Compose
   * project's prefix and, by default, its namespaces' prefix; a DNS label}
   */
  String name();

  /**
   * The namespace of one environment.
   *
   * @param environment the environment's name
   * @param props its settings, where a stack may let the file choose its namespace
   * @return by default {@code <name>-<environment>}, such as {@code shop-prod}
   */
  default String namespace(String environment, P props) {
    return name() + "-" + environment;
  }

  /**
   * Adds the stack's services for one environment, in any order, to the stack the synth made for
   * it: its name, environment, namespace and whether it is a developer's are already set, from
   * {@link #name()}, {@link #namespace} and {@link #isDevelopment}.
   *
   * @param stack the environment's stack, empty
   * @param props its settings
   */
  void define(Stack stack, P props);

  /**
   * The model of one environment, as a synth makes it: the stack made for it, defined, finished.
   *
   * @param environment the environment's name (its file name without {@code .yaml})
   * @param props its settings
   * @return the checked model
   */
  default StackModel model(String environment, P props) {
    Stack stack =
        new Stack(name(), environment, namespace(environment, props), isDevelopment(environment));
    define(stack, props);
    return stack.toModel();
  }

  /**
   * Whether an environment is a developer's: its secrets get generated, marked values that are
   * written into {@code dist/}. Decided by the name, never by the file, so that no environment file
   * can turn a production environment into one that ships a known password.
   *
   * @param environment the environment's name
   * @return by default, true for {@code dev} and {@code dev-<anything>}
   */
  default boolean isDevelopment(String environment) {
    return environment.equals("dev") || environment.startsWith("dev-");
  }

  /**
   * Checks of an environment's settings that depend on its name, made while its file is loaded, so
   * that each is reported as bad input at its line (exit code 2) rather than as a failed stack.
   *
   * @param environment the environment's name
   * @param props its settings, as loaded
   * @return one problem per rejected setting, each keyed by its dotted path from the file's root
   *     (such as {@code backend.image}); by default none
   */
  default List<InvalidPropException> check(String environment, P props) {
    return List.of();
  }

  /**
   * The policy waivers an environment's settings declare: those of a record component {@code
   * List<Waiver> waivers}, the convention every props record follows (see {@link Waiver}).
   *
   * @param props an environment's settings
   * @return its waivers; none when the record has no such component
   */
  default List<Waiver> waivers(P props) {
    for (RecordComponent component : props.getClass().getRecordComponents()) {
      if (component.getName().equals("waivers")
          && component.getGenericType() instanceof ParameterizedType type
          && type.getRawType() == List.class
          && type.getActualTypeArguments()[0] == Waiver.class) {
        try {
          List<?> waivers = (List<?>) component.getAccessor().invoke(props);
          return waivers == null ? List.of() : waivers.stream().map(Waiver.class::cast).toList();
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException(
              "cannot read the waivers of " + props.getClass().getName(), e);
        }
      }
    }
    return List.of();
  }
}
