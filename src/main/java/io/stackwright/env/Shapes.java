package io.stackwright.env;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out, once per record type, how each component is bound. A type the loader cannot bind is a
 * mistake in the model, not in a file, so it fails with {@link IllegalArgumentException} before any
 * file is read.
 */
final class Shapes {

  private final Map<Class<?>, RecordShape> cache = new HashMap<>();

  /**
   * The shape of {@code type} and everything reachable from it.
   *
   * @throws IllegalArgumentException if a component type is not supported
   */
  synchronized RecordShape of(Class<?> type) {
    RecordShape cached = cache.get(type);
    if (cached != null) {
      return cached;
    }
    // Built aside so that a failure half-way leaves no half-built shapes in the cache.
    Map<Class<?>, RecordShape> building = new HashMap<>(cache);
    RecordShape shape = record(type, building);
    cache.putAll(building);
    return shape;
  }

  private static RecordShape record(Class<?> type, Map<Class<?>, RecordShape> building) {
    RecordShape known = building.get(type);
    if (known != null) {
      return known;
    }
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Constructor<?> constructor;
    try {
      constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
    }
    if (!constructor.canAccess(null)) {
      throw new IllegalArgumentException(
          type.getName() + " and its canonical constructor must be public to be loaded");
    }
    RecordShape shape = new RecordShape(type, constructor);
    building.put(type, shape);
    List<RecordShape.Component> bound = new ArrayList<>();
    for (RecordComponent component : components) {
      String where = type.getSimpleName() + "." + component.getName();
      bound.add(
          new RecordShape.Component(
              component.getName(),
              shape(component.getGenericType(), where, building),
              component.getType().isPrimitive()));
    }
    shape.setComponents(bound);
    return shape;
  }

  private static Shape shape(Type type, String where, Map<Class<?>, RecordShape> building) {
    if (type instanceof Class<?> raw) {
      return classShape(raw, where, building);
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] arguments = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        return new ListShape(shape(arguments[0], where + "[]", building));
      }
      if (raw == Map.class) {
        if (arguments[0] != String.class) {
          throw unsupported(type, where, "map keys must be String");
        }
        return new MapShape(shape(arguments[1], where + "{}", building));
      }
      if (raw == Optional.class) {
        throw optional(where);
      }
    }
    throw unsupported(type, where, null);
  }

  private static Shape classShape(
      Class<?> type, String where, Map<Class<?>, RecordShape> building) {
    if (type == String.class) {
      return ScalarTypes.STRING;
    }
    if (type == int.class || type == Integer.class) {
      return ScalarTypes.INT;
    }
    if (type == long.class || type == Long.class) {
      return ScalarTypes.LONG;
    }
    if (type == boolean.class || type == Boolean.class) {
      return ScalarTypes.BOOLEAN;
    }
    if (type == double.class || type == Double.class) {
      return ScalarTypes.DOUBLE;
    }
    if (type == Optional.class) {
      throw optional(where);
    }
    if (type.isEnum()) {
      return ScalarTypes.enumeration(type);
    }
    // Before records: a value type is often itself a record, yet is written as one scalar.
    Method parse = parseMethod(type, where);
    if (parse != null) {
      return ScalarTypes.parsed(type, parse);
    }
    if (type.isRecord()) {
      return record(type, building);
    }
    if (type == List.class || type == Map.class) {
      throw unsupported(type, where, "give the element types, e.g. List<String>");
    }
    throw unsupported(type, where, null);
  }

  private static Method parseMethod(Class<?> type, String where) {
    Method parse;
    try {
      parse = type.getMethod("parse", String.class);
    } catch (NoSuchMethodException e) {
      return null;
    }
    if (!Modifier.isStatic(parse.getModifiers()) || !type.isAssignableFrom(parse.getReturnType())) {
      return null;
    }
    if (!parse.canAccess(null)) {
      throw new IllegalArgumentException(
          "cannot bind "
              + where
              + ": "
              + type.getName()
              + " must be public to call its parse method");
    }
    return parse;
  }

  private static IllegalArgumentException optional(String where) {
    return new IllegalArgumentException(
        "cannot bind "
            + where
            + ": Optional is not supported; use the plain type, which is null when the key is"
            + " missing, and apply the default in the compact constructor");
  }

  private static IllegalArgumentException unsupported(Type type, String where, String detail) {
    return new IllegalArgumentException(
        "cannot bind "
            + where
            + ": unsupported type "
            + type.getTypeName()
            + (detail == null ? "" : " (" + detail + ")")
            + "; supported are String, int, long, boolean, double and their boxes, enums, types"
            + " with a public static parse(String), records, List<E> and Map<String, V>");
  }
}
