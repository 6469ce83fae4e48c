package io.stackwright.cli;

import io.stackwright.stack.StackDefinition;
import io.stackwright.synth.StackCode;
import java.io.PrintWriter;

/**
 * How a bug is said: not as a problem of the input, but as a bug, of Stackwright or of the stack's
 * code, whichever the top of its trace shows, with the whole trace for whoever fixes it.
 */
final class BugReport {
  private BugReport() {}

  /** Prints the report of {@code bug} to {@code err}. */
  static void print(StackDefinition<?> definition, Throwable bug, PrintWriter err) {
    err.println("stackwright: " + whose(definition, bug) + ": " + bug);
    err.println(
        "stackwright: this is not a problem of the environment files or of the command line;"
            + " nothing was written");
    bug.printStackTrace(err);
  }

  /** Whose bug it is, as far as the trace tells: the stack's when its code threw. */
  static String whose(StackDefinition<?> definition, Throwable bug) {
    StackTraceElement stack = definition == null ? null : StackCode.firstFrame(definition, bug);
    if (stack == null) {
      return "a bug in Stackwright, please report it with the trace below";
    }
    String at = stack.getFileName() + ":" + stack.getLineNumber();
    return stack.equals(top(bug))
        ? "a bug in the stack's code (at " + at + ")"
        : "a bug in Stackwright or in the stack's code (which called it at " + at + ")";
  }

  /** The top frame outside the JDK: where the code that failed called the JDK, or failed itself. */
  private static StackTraceElement top(Throwable bug) {
    for (StackTraceElement frame : bug.getStackTrace()) {
      String type = frame.getClassName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return frame;
      }
    }
    return null;
  }
}
