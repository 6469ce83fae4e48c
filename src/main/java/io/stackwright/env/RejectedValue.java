package io.stackwright.env;

/** A scalar's text does not fit its target type; becomes a problem at that scalar. */
final class RejectedValue extends Exception {

  private final String hint;

  RejectedValue(String message, String hint) {
    super(message, null, false, false);
    this.hint = hint;
  }

  String hint() {
    return hint;
  }
}
