package io.stackwright.env;

/** A YAML sequence bound to an unmodifiable {@code List}. */
record ListShape(Shape element) implements Shape {

  @Override
  public String expected() {
    return "a list";
  }
}
