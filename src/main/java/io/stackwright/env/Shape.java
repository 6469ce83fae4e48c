package io.stackwright.env;

/** What a node must look like to bind to one Java type. */
interface Shape {

  /** The expectation as it reads after "expected", e.g. {@code "an integer"}. */
  String expected();
}
