package io.stackwright.synth.uptodate;

import io.stackwright.validate.Programs;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationMode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What every environment of a synth shares, as text for its digest: the record's layout, the Java
 * version, the code, the validation mode and tools, and Node.js. Files are described by path, size
 * and modification time, folders by every file in them.
 */
final class SharedInputs {
  private final StringBuilder text = new StringBuilder();

  private SharedInputs() {}

  /**
   * The shared inputs of a synth.
   *
   * @param mode its validation mode
   * @param tools the validation tools it uses
   * @param code the class loader of the stack's code
   * @param env the process environment, for which Node.js runs the kernel
   * @return their description
   */
  static String of(ValidationMode mode, Tools tools, ClassLoader code, Map<String, String> env) {
    SharedInputs inputs = new SharedInputs();
    inputs.line("format " + StoredRecord.FORMAT);
    inputs.line("java " + System.getProperty("java.vm.version"));
    inputs.line("mode " + mode);
    inputs.tools(tools);
    inputs.programs(tools.programs());
    inputs.node(env);
    inputs.line("code " + CodeDigest.of(ClassPath.of(code)));
    return inputs.text.toString();
  }

  private void tools(Tools tools) {
    line("kubeconform " + tools.kubeconformMissing());
    stat(tools.kubeconform());
    line("schemas");
    stat(tools.schemas());
    line("compose " + tools.composeMissing() + " " + tools.compose());
    for (String word : tools.compose()) {
      if (word.contains(File.separator)) {
        stat(Path.of(word));
      }
    }
    if (tools.compose().size() > 1) {
      // docker compose: the plugin is a file of its own, which the docker client finds, so an
      // upgrade of the plugin alone shows only in what it answers.
      line(version(tools.compose()));
    }
  }

  /**
   * The real programs: a record made while one was missing, or another version of it, is not taken
   * for up to date.
   */
  private void programs(Programs programs) {
    for (Path program :
        new Path[] {
          programs.nginx(),
          programs.nginxConf(),
          programs.promtool(),
          programs.redisServer(),
          programs.postgresql() == null ? null : programs.postgresql().resolve("bin/postgres")
        }) {
      line("program " + program);
      stat(program);
    }
  }

  private void node(Map<String, String> env) {
    line("node " + env.get("JSII_NODE") + " " + env.get("JSII_RUNTIME"));
    String path = env.get("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, "node"))) {
          stat(Path.of(dir, "node"));
          break;
        }
      }
    }
  }

  private void line(String line) {
    text.append(line).append('\n');
  }

  /** A file's or a whole folder's paths, sizes and modification times. */
  private void stat(Path path) {
    if (path == null) {
      line("none");
      return;
    }
    line(path.toAbsolutePath().toString());
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isDirectory()) {
        line(attributes.size() + " " + attributes.lastModifiedTime());
        return;
      }
      statFolder(path);
    } catch (IOException e) {
      line("missing");
    }
  }

  private void statFolder(Path folder) {
    SortedSet<String> unreadable = new TreeSet<>();
    for (Path file : FileWalk.walk(folder, unreadable)) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        line(
            folder.relativize(file)
                + " "
                + (a.isDirectory() ? "dir" : a.size() + " " + a.lastModifiedTime()));
      } catch (IOException e) {
        line(file + " unreadable");
      }
    }
    unreadable.forEach(this::line);
  }

  /** What {@code command version} prints, or why it printed nothing. */
  private static String version(List<String> command) {
    List<String> run = new ArrayList<>(command);
    run.add("version");
    try {
      Process process = new ProcessBuilder(run).redirectErrorStream(true).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                  return Digests.utf8("unreadable");
                }
              });
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "version: no answer";
      }
      return "version "
          + process.exitValue()
          + " "
          + new String(output.join(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "version: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "version: interrupted";
    }
  }
}
