package io.stackwright.render.k8s;

import java.util.concurrent.CompletableFuture;
import software.amazon.jsii.JsiiEngine;

/**
 * Starts the jsii kernel (the Node.js child that runs cdk8s) ahead of the first render, on a thread
 * of its own, so that its start-up (about 0.6 s: Node.js, the jsii runtime, the cdk8s-plus
 * assembly) overlaps what a synth does before it renders: reading the environment files and
 * defining the stacks.
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
   * Waits for a start begun by {@link #startInBackground()}, so that only one kernel is ever made
   * (the jsii runtime's singleton is not thread-safe). A start that failed is left to the first
   * render, which fails the same way with its own message.
   */
  static synchronized void awaitStart() {
    if (start != null) {
      try {
        start.join();
      } catch (RuntimeException e) {
        // The render that follows starts the kernel itself and reports why it cannot.
      }
    }
  }
}
