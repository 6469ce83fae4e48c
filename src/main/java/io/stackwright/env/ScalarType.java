package io.stackwright.env;

/** A Java type bound from a single scalar's text. */
interface ScalarType extends Shape {

  /**
   * Converts the scalar.
   *
   * @throws RejectedValue if the text is not a value of this type
   */
  Object convert(ScalarText scalar) throws RejectedValue;
}
