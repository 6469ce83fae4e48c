package io.stackwright.cli;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A copy of the project's environments and {@code dist/} in a folder of a test's own, and the
 * command line run against it in this JVM.
 *
 * @param root the project folder
 */
public record ProjectCopy(Path root) {

  /**
   * Copies the project's environments and {@code dist/} into {@code root}.
   *
   * @param root the folder of the copy
   * @return the copy
   * @throws IOException when a file cannot be copied
   */
  public static ProjectCopy of(Path root) throws IOException {
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
  CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--project-dir";
    all[args.length + 1] = root.toString();
    return CliRun.of(all);
  }
}
