package io.stackwright.synth;

import io.stackwright.stack.StackDefinition;

/** Where the stack's own code is on the way to an exception. */
public final class StackCode {
  private StackCode() {}

  /**
   * The first frame, from the top, of the definition's class or of a class nested in it, with a
   * file and a line: where the stack's code made a mistake, or called what failed.
   *
   * @param definition the stack
   * @param e the exception
   * @return the frame, or {@code null} when the stack's code is not on the way
   */
  public static StackTraceElement firstFrame(StackDefinition<?> definition, Throwable e) {
    String stack = definition.getClass().getName();
    for (StackTraceElement frame : e.getStackTrace()) {
      String type = frame.getClassName();
      if ((type.equals(stack) || type.startsWith(stack + "$"))
          && frame.getFileName() != null
          && frame.getLineNumber() > 0) {
        return frame;
      }
    }
    return null;
  }
}
