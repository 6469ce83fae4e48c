package io.stackwright.env;

/** A YAML mapping with free-form keys bound to an unmodifiable, file-ordered {@code Map}. */
record MapShape(Shape value) implements Shape {

  @Override
  public String expected() {
    return "a mapping";
  }
}
