package io.stackwright.env;

/**
 * Rejects a value from a record's compact constructor. The loader reports it at the node of {@link
 * #key()} in the environment file, so a range check written once in the model points the user at
 * the exact line to fix.
 */
public class InvalidPropException extends IllegalArgumentException {

  /** The rejected component, or {@code null} when the whole mapping is rejected. */
  private final String key;

  /** How to fix the value; {@code ""} for none. */
  private final String hint;

  /**
   * Creates the exception.
   *
   * @param key the record component whose value is rejected; {@code null} to reject the mapping as
   *     a whole
   * @param message what is wrong with the value
   * @param hint how to fix it; {@code null} or {@code ""} for none
   */
  public InvalidPropException(String key, String message, String hint) {
    super(message);
    this.key = key;
    this.hint = hint == null ? "" : hint;
  }

  /**
   * Returns the rejected component's name.
   *
   * @return the key, or {@code null} when the whole mapping is rejected
   */
  public String key() {
    return key;
  }

  /**
   * Returns how to fix the value.
   *
   * @return the hint, {@code ""} when there is none
   */
  public String hint() {
    return hint;
  }
}
