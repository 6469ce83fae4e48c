package io.stackwright.run;

/** How a command ended; the command line gives each its exit code. */
public enum Status {
  /** Success; for a diff, nothing would change. */
  OK,
  /**
   * The stack failed a check, or writing failed, and nothing was changed; for a diff, something
   * would change.
   */
  FAILED,
  /** Bad input or usage; nothing was changed. */
  BAD_INPUT,
  /** A bug, of Stackwright or of the stack's code, stopped the command; nothing was changed. */
  BUG
}
