package io.stackwright.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command line as a separate process: {@code java} with this test run's class path and {@link
 * Main}, its output in files so that it never blocks on a full pipe.
 */
final class ChildSynth {
  private final Process process;
  private final Path out;
  private final Path err;

  private ChildSynth(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /**
   * Starts {@code synth --env <env> --project-dir <project>}.
   *
   * @param jvmOptions options for the child JVM, such as {@code -Duser.language=tr}
   * @param environment variables to add to the child's environment; every {@code *_TAG} variable of
   *     this process is removed, so that the environment files' defaults apply
   */
  static ChildSynth start(
      Path project, String env, List<String> jvmOptions, Map<String, String> environment)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // A synth is a short run: the quick compiler alone starts it a third faster.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(List.of("synth", "--env", env, "--project-dir", project.toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.endsWith("_TAG"));
    builder.environment().putAll(environment);
    Path logs = Files.createTempDirectory(project.getParent(), "child");
    Path out = logs.resolve("out");
    Path err = logs.resolve("err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new ChildSynth(builder.start(), out, err);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the child to exit by itself and returns its exit code. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      kill();
      throw new IllegalStateException("the synth did not finish in 5 minutes");
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no finally block runs. Its Node.js child goes the same way. */
  void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor();
  }

  String out() throws IOException {
    return Files.readString(out, StandardCharsets.ISO_8859_1);
  }

  String err() throws IOException {
    return Files.readString(err, StandardCharsets.ISO_8859_1);
  }
}
