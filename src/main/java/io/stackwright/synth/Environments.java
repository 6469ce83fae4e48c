package io.stackwright.synth;

import io.stackwright.model.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The environments of a project: one {@code environments/<name>.yaml} file each. Names are DNS
 * labels of at most {@value #MAX_NAME_LENGTH} characters, as they become part of namespaces and
 * Compose project names, so a name can never point outside the project ({@code ../pom}).
 */
public final class Environments {
  /** The longest environment name. */
  public static final int MAX_NAME_LENGTH = 32;

  private static final String SUFFIX = ".yaml";

  private final Path directory;

  /** The environments in {@code <projectDir>/environments}. */
  public Environments(Path projectDir) {
    this.directory = projectDir.resolve("environments");
  }

  /** Whether {@code name} can be an environment's name. */
  public static boolean isValidName(String name) {
    return Names.isDnsLabel(name) && name.length() <= MAX_NAME_LENGTH;
  }

  /** The environment names, sorted; files in the folder that are not environments are left out. */
  public List<String> names() {
    return files().stream()
        .filter(f -> f.endsWith(SUFFIX))
        .map(f -> f.substring(0, f.length() - SUFFIX.length()))
        .filter(Environments::isValidName)
        .sorted()
        .toList();
  }

  /**
   * Files in the folder that look meant as environments but would be skipped: a wrong extension
   * ({@code qa.yml}) or a name that is not an environment name ({@code QA.yaml}). Every synth
   * refuses to run while there are any, rather than leave them out silently.
   */
  public List<String> misnamed() {
    List<String> misnamed = new ArrayList<>();
    for (String file : files()) {
      String base = file.replaceFirst("\\.(ya?ml|YA?ML)$", "");
      if (!file.equals(base)
          && !(file.endsWith(SUFFIX) && isValidName(base))
          && !file.startsWith(".")) {
        misnamed.add(file);
      }
    }
    return misnamed;
  }

  /**
   * The environments {@code selector} names: one name, or {@code all}.
   *
   * @throws IllegalArgumentException with a message that lists the valid names
   */
  public List<String> select(String selector) {
    List<String> misnamed = misnamed();
    if (!misnamed.isEmpty()) {
      throw new IllegalArgumentException(
          "environments/ holds files that are not environments: "
              + String.join(", ", misnamed)
              + "; name each environments/<name>.yaml with a lower-case name of at most "
              + MAX_NAME_LENGTH
              + " letters, digits and '-', starting with a letter");
    }
    List<String> names = names();
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "no environment files in " + directory + "; create environments/<name>.yaml");
    }
    String valid = String.join(", ", names) + ", or all";
    if (selector == null || selector.isBlank()) {
      throw new IllegalArgumentException(
          "no environment given; use -Denv=<name> with one of: " + valid);
    }
    if (selector.equals("all")) {
      return names;
    }
    if (!isValidName(selector)) {
      throw new IllegalArgumentException(
          "invalid environment name \""
              + selector
              + "\": names are lower-case letters, digits and '-' (no paths); use one of: "
              + valid);
    }
    if (!names.contains(selector)) {
      throw new IllegalArgumentException(
          "unknown environment \""
              + selector
              + "\" (no file environments/"
              + selector
              + ".yaml); use one of: "
              + valid);
    }
    return List.of(selector);
  }

  /** The file of one environment. */
  public Path file(String name) {
    return directory.resolve(name + SUFFIX);
  }

  private List<String> files() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
