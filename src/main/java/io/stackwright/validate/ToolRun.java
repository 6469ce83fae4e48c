package io.stackwright.validate;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a tool as a child process with a time limit, its output captured in files (so that neither
 * stream can fill up and stall it).
 *
 * @param exitCode the tool's exit code
 * @param stdout what it printed on standard output
 * @param stderr what it printed on standard error
 */
record ToolRun(int exitCode, String stdout, String stderr) {

  /** The longest any tool may take before it counts as hung. */
  static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * Runs {@code command} in {@code directory}.
   *
   * @param environment the child's whole environment, or {@code null} to inherit this process's
   * @throws ToolFailure when it cannot start or does not finish in time
   */
  static ToolRun run(
      List<String> command, Path directory, Map<String, String> environment, Path scratch)
      throws ToolFailure {
    return run(command, directory, environment, scratch, TIMEOUT);
  }

  /**
   * Runs {@code command} in {@code directory} with the time limit given; on timeout the tool and
   * every process it started are killed (with {@code docker compose}, the plugin would otherwise
   * outlive the client).
   *
   * @param environment the child's whole environment, or {@code null} to inherit this process's
   * @throws ToolFailure when it cannot start or does not finish in time
   */
  static ToolRun run(
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Path scratch,
      Duration timeout)
      throws ToolFailure {
    return run(command, directory, environment, null, scratch, timeout);
  }

  /**
   * Runs {@code command} as {@link #run(List, Path, Map, Path, Duration)} does, with standard input
   * read from {@code input} ({@code null}: nothing).
   */
  static ToolRun run(
      List<String> command,
      Path directory,
      Map<String, String> environment,
      Path input,
      Path scratch,
      Duration timeout)
      throws ToolFailure {
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
    if (environment != null) {
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile(scratch, "out", ".txt");
      err = Files.createTempFile(scratch, "err", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.redirectInput(
          ProcessBuilder.Redirect.from(input == null ? nullDevice() : input.toFile()));
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new ToolFailure(
            command.get(0) + " did not finish within " + timeout.toMillis() / 1000.0 + " s");
      }
      return new ToolRun(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ToolFailure("cannot run " + String.join(" ", command) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolFailure(command.get(0) + " was interrupted");
    } finally {
      for (Path file : new Path[] {out, err}) {
        if (file != null) {
          try {
            Files.deleteIfExists(file);
          } catch (IOException e) {
            // In the scratch folder, which goes as a whole.
          }
        }
      }
    }
  }

  /** Kills the process and every process it started, children first, and waits for them. */
  private static void kill(Process process) throws InterruptedException {
    List<ProcessHandle> descendants = process.descendants().toList();
    descendants.forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor();
    for (ProcessHandle descendant : descendants) {
      try {
        descendant.onExit().get(5, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // Killed forcibly; an exit that is slow to be seen changes nothing.
      }
    }
  }

  private static File nullDevice() {
    return new File(
        System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows")
            ? "NUL"
            : "/dev/null");
  }

  /** A tool that could not be run, crashed, hung, or answered what we cannot read. */
  static final class ToolFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ToolFailure(String message) {
      super(message);
    }
  }
}
