package io.stackwright.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The environments of a project: one {@code environments/<name>.yaml} file each. Names are plain
 * lower-case words, so a name can never point outside the project ({@code ../pom}).
 */
public final class Environments {
  /**
   * What an environment name may look like: a DNS label of at most 32 characters, as it becomes
   * part of the namespace and of Compose project names.
   */
  public static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,30}[a-z0-9])?");

  private final Path directory;

  /** The environments in {@code <projectDir>/environments}. */
  public Environments(Path projectDir) {
    this.directory = projectDir.resolve("environments");
  }

  /** The folder of the environment files. */
  public Path directory() {
    return directory;
  }

  /** The environment names, sorted. */
  public List<String> names() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .map(f -> f.substring(0, f.length() - ".yaml".length()))
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The environments {@code selector} names: one name, or {@code all}.
   *
   * @throws IllegalArgumentException with a message that lists the valid names
   */
  public List<String> select(String selector) {
    List<String> names = names();
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "no environment files in " + directory + "; create environments/<name>.yaml");
    }
    if (selector == null || selector.isBlank()) {
      throw new IllegalArgumentException(
          "no environment given; use -Denv=<name> with one of: "
              + String.join(", ", names)
              + ", or -Denv=all");
    }
    if (selector.equals("all")) {
      return names;
    }
    if (!NAME.matcher(selector).matches()) {
      throw new IllegalArgumentException(
          "invalid environment name \""
              + selector
              + "\": names are lower-case letters, digits and"
              + " '-' (no paths); use one of: "
              + String.join(", ", names)
              + ", or all");
    }
    if (!names.contains(selector)) {
      throw new IllegalArgumentException(
          "unknown environment \""
              + selector
              + "\" (no file environments/"
              + selector
              + ".yaml); use one of: "
              + String.join(", ", names)
              + ", or all");
    }
    return List.of(selector);
  }

  /** The file of one environment. */
  public Path file(String name) {
    return directory.resolve(name + ".yaml");
  }
}
