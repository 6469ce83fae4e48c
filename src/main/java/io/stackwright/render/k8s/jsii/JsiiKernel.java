package io.stackwright.render.k8s.jsii;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.jsii.JsiiEngine;

/**
 * The jsii kernel, the Node.js child that runs cdk8s, started ahead of the first render on a thread
 * of its own, so that its start-up (about 0.5 s: Node.js, the jsii kernel, the cdk8s-plus assembly)
 * overlaps what a synth does before it renders: reading the environment files and defining the
 * stacks. The jsii runtime starts the kernel its own way; {@code JSII_NODE} and {@code
 * JSII_RUNTIME}, its own variables, choose the command.
 */
public final class JsiiKernel {
  private static CompletableFuture<Void> start;

  private JsiiKernel() {}

  /** Starts the kernel in the background; does nothing when it is started already. */
  public static synchronized void startInBackground() {
    if (start == null) {
      CompletableFuture<Void> future = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  JsiiEngine.getInstance().loadModule(org.cdk8s.plus33.$Module.class);
                  future.complete(null);
                } catch (RuntimeException | Error e) {
                  future.completeExceptionally(e);
                }
              },
              "jsii-start");
      thread.setDaemon(true);
      thread.start();
      start = future;
    }
  }

  /**
   * Waits for the kernel's start, beginning it if nobody has, so that only one kernel is ever made
   * (the jsii runtime's singleton is not thread-safe).
   *
   * @throws Unavailable when Node.js cannot be started or the kernel does not come up; every later
   *     call throws the same
   */
  public static synchronized void awaitStart() {
    startInBackground();
    try {
      start.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw new Unavailable(cause);
    }
  }

  /**
   * Node.js, which runs cdk8s, could not be started: a problem of the machine, not of the stack.
   */
  public static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(Throwable cause) {
      super(
          "cannot start Node.js, which runs cdk8s ("
              + cause.getMessage()
              + "); install Node.js 20 or newer and put node on PATH (or name it in JSII_NODE)",
          cause);
    }
  }
}
