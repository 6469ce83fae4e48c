package io.stackwright.env;

/**
 * Unwinds the binder once a limit is hit; the reason has already been recorded as a problem, so the
 * exception carries nothing.
 */
final class LoadingStopped extends RuntimeException {

  LoadingStopped() {
    super(null, null, false, false);
  }
}
