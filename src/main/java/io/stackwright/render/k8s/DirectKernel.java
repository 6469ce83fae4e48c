package io.stackwright.render.k8s;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiRuntime;

/**
 * Runs the jsii kernel as one Node.js process, the JVM's direct child, instead of the jsii
 * runtime's default of a Node.js process that starts the kernel in a second one and relays every
 * message between them. Every cdk8s call is a round trip to the kernel, and a synth makes
 * thousands: without the relay a round trip takes about half as long, the kernel is ready sooner
 * and one Node.js process less is in memory.
 *
 * <p>The jsii runtime's supported way to choose the kernel's command is the {@code JSII_RUNTIME}
 * environment variable, which a JVM cannot set for itself; this class sets the value that variable
 * would give, before the runtime starts. When that cannot be done safely (the user set {@code
 * JSII_RUNTIME}, there is no {@code /bin/sh}, {@code node} is not found, or this version of the
 * jsii runtime is built differently) the runtime is left to start the kernel its own way.
 */
final class DirectKernel {
  /** The script that runs the kernel on standard input and output, beside this class. */
  static final String LAUNCHER = "jsii-kernel.js";

  /** The kernel inside the jsii runtime's jar. */
  private static final String PROGRAM = "/software/amazon/jsii/lib/program.js";

  private DirectKernel() {}

  /**
   * A prepared kernel command: the shell command the runtime runs, and the private folder holding
   * the two scripts it names, which Node.js has read once the kernel has answered.
   *
   * @param command the command line, run by {@code /bin/sh -c}
   * @param folder the scripts' folder
   */
  record Launch(String command, Path folder) {
    /** Removes the scripts' folder, best effort. */
    void cleanUp() {
      try (Stream<Path> paths = Files.walk(folder)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // A file left in the temp folder is no reason to fail a synth.
      }
    }
  }

  /**
   * Makes the jsii runtime of this JVM start the kernel directly, if it can.
   *
   * @param env the process's environment variables
   * @return the launch, or {@code null} when the runtime is left as it is
   */
  static Launch install(Map<String, String> env) {
    if (env.get("JSII_RUNTIME") != null || !new File("/bin/sh").canExecute()) {
      return null;
    }
    String node = node(env);
    if (node == null) {
      // The runtime's own start then fails with its clear "cannot run program node".
      return null;
    }
    Field customRuntime;
    Object runtime;
    try {
      Field runtimeField = JsiiEngine.class.getDeclaredField("runtime");
      runtimeField.setAccessible(true);
      runtime = runtimeField.get(JsiiEngine.getInstance());
      customRuntime = JsiiRuntime.class.getDeclaredField("customRuntime");
      customRuntime.setAccessible(true);
      if (!(runtime instanceof JsiiRuntime) || customRuntime.get(runtime) != null) {
        return null;
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    Path folder = null;
    try (InputStream program = JsiiRuntime.class.getResourceAsStream(PROGRAM);
        InputStream launcher = DirectKernel.class.getResourceAsStream(LAUNCHER)) {
      if (program == null || launcher == null) {
        return null;
      }
      // Private to this user (0700), so no other account can swap the scripts before Node.js
      // reads them.
      folder = Files.createTempDirectory("stackwright-jsii");
      Path programFile = folder.resolve("program.js");
      Path launcherFile = folder.resolve(LAUNCHER);
      // Removed once Node.js has read them (Launch.cleanUp), or else when the JVM exits: a synth
      // that fails on its input exits while the kernel may still be starting. Files are deleted
      // at exit in the reverse order of these calls, the folder last.
      folder.toFile().deleteOnExit();
      programFile.toFile().deleteOnExit();
      launcherFile.toFile().deleteOnExit();
      Files.copy(program, programFile, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(launcher, launcherFile, StandardCopyOption.REPLACE_EXISTING);
      Launch launch = new Launch(command(node, launcherFile, programFile), folder);
      customRuntime.set(runtime, launch.command());
      return launch;
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      if (folder != null) {
        new Launch("", folder).cleanUp();
      }
      return null;
    }
  }

  /**
   * The shell command that starts the kernel: fd 3, where the kernel reads its requests, is a copy
   * of standard input.
   *
   * @param node the Node.js command, already a shell word (or words)
   */
  static String command(String node, Path launcher, Path program) {
    return "exec "
        + node
        + " --preserve-symlinks "
        + quote(launcher.toString())
        + " "
        + quote(program.toString())
        + " 3<&0";
  }

  /**
   * The Node.js command as shell words: {@code JSII_NODE} as the jsii runtime reads it (several
   * words when it holds white space), else {@code node} found on {@code PATH}, or {@code null}.
   */
  static String node(Map<String, String> env) {
    String custom = env.get("JSII_NODE");
    if (custom != null && !custom.isBlank()) {
      return custom.matches(".*\\s.*") ? custom : quote(custom);
    }
    String path = env.get("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      File candidate = new File(dir, "node");
      if (candidate.isFile() && candidate.canExecute()) {
        return quote(candidate.getAbsolutePath());
      }
    }
    return null;
  }

  /** One shell word. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
