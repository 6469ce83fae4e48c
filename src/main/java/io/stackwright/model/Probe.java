package io.stackwright.model;

import java.util.List;
import java.util.Objects;

/**
 * A health check, rendered as a Kubernetes probe and as a Compose {@code healthcheck} that tests
 * the same thing.
 *
 * @param check what is tested
 * @param periodSeconds seconds between checks
 * @param timeoutSeconds seconds before one check counts as failed
 * @param failureThreshold failed checks in a row before the container counts as unhealthy
 */
public record Probe(Check check, int periodSeconds, int timeoutSeconds, int failureThreshold) {

  /**
   * Checks that the timings are positive and the timeout fits in the period.
   *
   * @param check see {@link #check()}
   * @param periodSeconds see {@link #periodSeconds()}
   * @param timeoutSeconds see {@link #timeoutSeconds()}
   * @param failureThreshold see {@link #failureThreshold()}
   */
  public Probe {
    Objects.requireNonNull(check, "check");
    if (periodSeconds < 1 || timeoutSeconds < 1 || failureThreshold < 1) {
      throw new IllegalArgumentException("probe timings must be positive");
    }
    if (timeoutSeconds > periodSeconds) {
      throw new IllegalArgumentException(
          "probe timeout " + timeoutSeconds + "s exceeds its period " + periodSeconds + "s");
    }
  }

  /** What a probe tests. */
  public sealed interface Check permits HttpGet, Exec {}

  /**
   * An HTTP GET that must answer 2xx or 3xx.
   *
   * @param path request path, starting with {@code /}
   * @param port container port
   */
  public record HttpGet(String path, int port) implements Check {
    /**
     * Requires an absolute path.
     *
     * @param path see {@link #path()}
     * @param port see {@link #port()}
     */
    public HttpGet {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("probe path must start with '/', got " + path);
      }
    }
  }

  /**
   * A command run in the container that must exit 0.
   *
   * @param command program and arguments, no shell
   */
  public record Exec(List<String> command) implements Check {
    /**
     * Requires a program.
     *
     * @param command see {@link #command()}
     */
    public Exec {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("probe command is empty");
      }
    }
  }
}
