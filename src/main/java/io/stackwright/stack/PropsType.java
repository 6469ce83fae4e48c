package io.stackwright.stack;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the props record a {@link StackDefinition} names as its type argument, for {@link
 * StackDefinition#propsType()}'s default: through the class's superclasses and interfaces, and
 * through the type variables of generic ones in between.
 */
final class PropsType {
  private PropsType() {}

  /**
   * The record type a definition's class binds {@code P} of {@link StackDefinition} to.
   *
   * @param definition the definition's class
   * @return the record type
   * @throws IllegalStateException when the class leaves {@code P} unbound (a raw type, or a type
   *     variable of its own), naming the class and the fix
   */
  static Class<?> of(Class<?> definition) {
    Type found = find(definition, Map.of());
    if (found instanceof Class<?> type && Record.class.isAssignableFrom(type)) {
      return type;
    }
    throw new IllegalStateException(
        definition.getName()
            + " does not name its props record as StackDefinition's type argument"
            + (found == null ? " (it implements the raw type)" : " (it is " + found + ")")
            + "; write implements StackDefinition<YourProps>, or override propsType()");
  }

  /** {@code P} as {@code type} binds it, with {@code bindings} for its own type variables. */
  private static Type find(Class<?> type, Map<TypeVariable<?>, Type> bindings) {
    List<Type> supertypes = new ArrayList<>(List.of(type.getGenericInterfaces()));
    if (type.getGenericSuperclass() != null) {
      supertypes.add(type.getGenericSuperclass());
    }
    for (Type supertype : supertypes) {
      if (supertype instanceof ParameterizedType parameterized) {
        Class<?> raw = (Class<?>) parameterized.getRawType();
        Type[] arguments = parameterized.getActualTypeArguments();
        if (raw == StackDefinition.class) {
          return bindings.getOrDefault(arguments[0], arguments[0]);
        }
        Map<TypeVariable<?>, Type> inner = new HashMap<>();
        TypeVariable<?>[] variables = raw.getTypeParameters();
        for (int i = 0; i < variables.length; i++) {
          inner.put(variables[i], bindings.getOrDefault(arguments[i], arguments[i]));
        }
        Type found = find(raw, inner);
        if (found != null) {
          return found;
        }
      } else if (supertype instanceof Class<?> plain && plain != StackDefinition.class) {
        Type found = find(plain, Map.of());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
