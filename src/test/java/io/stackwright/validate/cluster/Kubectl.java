package io.stackwright.validate.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * kubectl, talking to one cluster through its kubeconfig file and nothing else from the user's
 * environment (no {@code ~/.kube/config}, no {@code KUBECTL_*} setting but those given).
 *
 * @param executable the kubectl program
 * @param kubeconfig the kubeconfig file naming the cluster and its administrator
 * @param scratch a folder for the captured output
 */
public record Kubectl(Path executable, Path kubeconfig, Path scratch) {

  /** The longest one call may take; a dry run of a whole environment takes a second or two. */
  public static final Duration TIMEOUT = Duration.ofSeconds(120);

  /**
   * What one call did.
   *
   * @param command the command line, for messages
   * @param exitCode kubectl's exit code
   * @param stdout its standard output
   * @param stderr its standard error, where warnings and errors go
   */
  public record Result(String command, int exitCode, String stdout, String stderr) {

    /** The {@code Warning:} lines the API server sent back, which kubectl prints on stderr. */
    public List<String> warnings() {
      return stderr.lines().filter(line -> line.startsWith("Warning:")).toList();
    }

    /** Whether it exited with 0 and printed no warning. */
    public boolean clean() {
      return exitCode == 0 && warnings().isEmpty();
    }

    /** The command, its exit code and what it printed, for a failure message. */
    public String describe() {
      return "$ " + command + "\nexit code " + exitCode + "\n" + stdout + stderr;
    }

    /** This result, unless kubectl failed: then an exception that describes it. */
    public Result orThrow() {
      if (exitCode != 0) {
        throw new IllegalStateException(describe());
      }
      return this;
    }
  }

  /** Runs kubectl with these arguments. */
  public Result run(String... args) {
    return run(Map.of(), null, args);
  }

  /**
   * Runs kubectl with these arguments.
   *
   * @param environment variables added to the child's environment (e.g. {@code KUBECTL_APPLYSET})
   * @param stdin what kubectl reads on standard input ({@code -f -}), or {@code null}
   */
  public Result run(Map<String, String> environment, String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    String shown = String.join(" ", List.of(args));
    try {
      Path in = Files.createTempFile(scratch, "in", ".yaml");
      Path out = Files.createTempFile(scratch, "out", ".txt");
      Path err = Files.createTempFile(scratch, "err", ".txt");
      Files.writeString(in, stdin == null ? "" : stdin, StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(in.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // Only what we set: a user's KUBECONFIG or KUBECTL_APPLYSET must not change the checks.
      builder.environment().keySet().removeIf(k -> k.startsWith("KUBE"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("kubectl " + shown + " did not finish within " + TIMEOUT);
      }
      Result result =
          new Result(
              shown,
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      for (Path file : List.of(in, out, err)) {
        Files.delete(file);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run kubectl " + shown, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: kubectl " + shown, e);
    }
  }
}
