package io.stackwright.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/**
 * A copy of the project's environments and {@code dist/} in a folder of a test's own, and the
 * command line run against it in this JVM.
 *
 * @param root the project folder
 */
record ProjectCopy(Path root) {

  /**
   * What one run printed.
   *
   * @param code the exit code
   * @param out standard output
   * @param err standard error
   */
  record Run(int code, String out, String err) {}

  /** Copies the project's environments and {@code dist/} into {@code root}. */
  static ProjectCopy of(Path root) throws IOException {
    MainTest.copyTree(MainTest.PROJECT.resolve("environments"), root.resolve("environments"));
    MainTest.copyTree(MainTest.PROJECT.resolve("dist"), root.resolve("dist"));
    return new ProjectCopy(root);
  }

  Path dist() {
    return root.resolve("dist");
  }

  Path environments() {
    return root.resolve("environments");
  }

  /** Runs the command line with these arguments and {@code --project-dir}, no variables set. */
  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--project-dir";
    all[args.length + 1] = root.toString();
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), name -> null);
    return new Run(code, out.toString(), err.toString());
  }
}
