package io.stackwright.render.k8s;

/**
 * A JVM that sets up the direct kernel and exits before Node.js has read its scripts, as a synth
 * that fails on its input does (see {@link DirectKernelTest}).
 */
final class InstallAndExit {
  private InstallAndExit() {}

  /** Prints whether the kernel was set up, then exits without cleaning up. */
  public static void main(String[] args) {
    System.out.println(DirectKernel.install(System.getenv()) != null ? "installed" : "left alone");
    System.exit(0);
  }
}
