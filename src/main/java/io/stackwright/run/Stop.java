package io.stackwright.run;

/** Ends a command early, its problems already said: with {@link Status#FAILED} or bad input. */
final class Stop extends Exception {
  private static final long serialVersionUID = 1L;

  private final Status status;

  Stop(Status status) {
    super(status.name(), null, false, false);
    this.status = status;
  }

  Status status() {
    return status;
  }
}
