package io.stackwright.validate;

import java.util.List;
import java.util.Map;

/**
 * One check of the {@link ValidationGate}, begun before every output is rendered ({@link
 * ValidationGate#begin}): the Compose CLI starts on an environment's Compose files as soon as they
 * are rendered, while its Kubernetes manifests render and most of a core waits on the jsii kernel.
 * {@link #finish} then checks every output, taking the Compose CLI's findings from the run begun
 * early when it read exactly the output's Compose files. Closing the check waits for every tool it
 * started and removes their scratch folders, whether it finished or the synth failed before.
 */
public final class GateCheck implements AutoCloseable {
  private final ValidationGate gate;
  private final ToolRuns runs;
  private boolean finished;

  GateCheck(ValidationGate gate, ToolRuns runs) {
    this.gate = gate;
    this.runs = runs;
  }

  /**
   * Starts the Compose CLI on an environment's Compose files, if the Compose layer runs; does
   * nothing otherwise, or once the check is finished or closed. Safe to call from the threads that
   * render, each environment once.
   *
   * @param environment the environment
   * @param files the Compose renderer's files, by path in {@code dist/<env>/}
   */
  public void composeRendered(String environment, Map<String, String> files) {
    if (!finished && gate.composeRuns()) {
      runs.beginCompose(environment, files);
    }
  }

  /**
   * Checks every subject; the report says whether the synth may write.
   *
   * @param subjects the output of each environment, in synth order
   * @return the report
   * @throws IllegalStateException when the check is finished already: a bug of its caller
   */
  public ValidationReport finish(List<Subject> subjects) {
    if (finished) {
      throw new IllegalStateException("this gate check is finished already");
    }
    finished = true;
    return gate.finish(runs, subjects);
  }

  /** Waits for every tool the check started, and removes their scratch folders. */
  @Override
  public void close() {
    runs.close();
  }
}
