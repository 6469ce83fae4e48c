package io.stackwright.env;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;

/**
 * A YAML mapping bound to a record through its canonical constructor. Components are filled in
 * after construction so that a record can contain itself, e.g. through a list.
 */
final class RecordShape implements Shape {

  /** One record component; {@code primitive} ones cannot be left out of the file. */
  record Component(String name, Shape shape, boolean primitive) {}

  private final Class<?> type;
  private final Constructor<?> constructor;
  private List<Component> components = List.of();

  RecordShape(Class<?> type, Constructor<?> constructor) {
    this.type = type;
    this.constructor = constructor;
  }

  void setComponents(List<Component> components) {
    this.components = List.copyOf(components);
  }

  Class<?> type() {
    return type;
  }

  Constructor<?> constructor() {
    return constructor;
  }

  List<Component> components() {
    return components;
  }

  List<String> keys() {
    return components.stream().map(Component::name).toList();
  }

  Optional<Component> component(String name) {
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The valid keys in declaration order, which is the order the model's author chose. */
  String keyList() {
    return String.join(", ", keys());
  }

  @Override
  public String expected() {
    return components.isEmpty() ? "an empty mapping" : "a mapping with keys " + keyList();
  }
}
