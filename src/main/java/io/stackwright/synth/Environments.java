package io.stackwright.synth;

import io.stackwright.model.Names;
import io.stackwright.text.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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

  private final Path project;
  private final Path directory;

  /**
   * The environments in {@code <projectDir>/environments}.
   *
   * @param projectDir the project folder
   */
  public Environments(Path projectDir) {
    this.project = projectDir;
    this.directory = projectDir.resolve("environments");
  }

  /**
   * Whether {@code name} can be an environment's name.
   *
   * @param name a file name without {@code .yaml}
   * @return whether it is a DNS label short enough to be one
   */
  public static boolean isValidName(String name) {
    return Names.isDnsLabel(name) && name.length() <= MAX_NAME_LENGTH;
  }

  /**
   * The environment names, sorted; files in the folder that are not environments are left out.
   *
   * @return the names
   */
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
   *
   * @return their file names, sorted
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
   * @param selector an environment's name, or {@code all}
   * @return the names, sorted
   * @throws IllegalArgumentException with a message that lists the valid names
   */
  public List<String> select(String selector) {
    List<String> unreadable = notFiles();
    if (!unreadable.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("; ", unreadable)
              + "; an environment file must be a plain file of the project: replace it with the"
              + " file itself, or remove it");
    }
    List<String> misnamed = misnamed();
    if (!misnamed.isEmpty()) {
      throw new IllegalArgumentException(
          "environments/ holds files that are not environments: "
              + misnamed.stream().map(Printable::line).collect(Collectors.joining(", "))
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
              + Printable.line(selector)
              + "\": names are lower-case letters, digits and '-' (no paths); use one of: "
              + valid);
    }
    if (!names.contains(selector)) {
      throw new IllegalArgumentException(
          "unknown environment \""
              + Printable.line(selector)
              + "\" (no file environments/"
              + selector
              + ".yaml); use one of: "
              + valid);
    }
    return List.of(selector);
  }

  /**
   * The file of one environment.
   *
   * @param name the environment's name
   * @return {@code environments/<name>.yaml} in the project
   */
  public Path file(String name) {
    return directory.resolve(name + SUFFIX);
  }

  /**
   * How problems name an environment's file: its path relative to the project, {@code /}-separated,
   * such as {@code environments/prod.yaml}.
   *
   * @param name the environment's name
   * @return the path to show
   */
  public String display(String name) {
    Path base = project.toAbsolutePath().normalize();
    return base.relativize(file(name).toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** The bytes of an environment's file as they are now; {@code null} when it cannot be read. */
  byte[] contentOrNull(String name) {
    try {
      return Files.readAllBytes(file(name));
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Entries of the folder named as environments ({@code *.yaml}, {@code *.yml}) that are not plain
   * files of the project, each with what it is: a folder, a pipe, a link to nothing, or a link to a
   * file outside the project (whose content an error message could otherwise quote into a CI log).
   * Every synth refuses to run while there are any: a folder named {@code prod.yaml} must not make
   * a synth of {@code all} take prod for gone and remove {@code dist/prod}.
   *
   * @return one line per entry, sorted
   */
  public List<String> notFiles() {
    List<String> problems = new ArrayList<>();
    if (Files.isSymbolicLink(directory) && whyNotInProject(directory) != null) {
      problems.add("environments/ " + whyNotInProject(directory));
      return problems;
    }
    for (Path entry : entries()) {
      String name = entry.getFileName().toString();
      if (name.startsWith(".") || !name.matches("(?is).*\\.ya?ml")) {
        continue;
      }
      String why = whyNotAFile(entry);
      if (why != null) {
        problems.add("environments/" + Printable.line(name) + " " + why);
      }
    }
    return problems;
  }

  /** Why {@code entry} cannot be read as an environment file, or {@code null} when it can. */
  private String whyNotAFile(Path entry) {
    if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return "is a folder, not a file";
    }
    if (!Files.isSymbolicLink(entry)) {
      return "is not a plain file (a pipe, a socket or a device)";
    }
    if (!Files.isRegularFile(entry)) {
      return Files.exists(entry)
          ? "is a symbolic link to something that is not a plain file"
          : "is a symbolic link to nothing";
    }
    String outside = whyNotInProject(entry);
    if (outside != null) {
      return outside;
    }
    try {
      // Another environment's file, as an alias: anything else in the project (a password file, a
      // CI credential written into the workspace) would be quoted by the errors of its reading.
      Path target = entry.toRealPath();
      String name = target.getFileName().toString();
      return target.getParent().equals(directory.toRealPath())
              && !name.startsWith(".")
              && name.matches("(?i).*\\.ya?ml")
          ? null
          : "is a symbolic link to a file that is not an environment file; a link may only name"
              + " another file of environments/";
    } catch (IOException e) {
      return "is a symbolic link that cannot be followed: " + e.getMessage();
    }
  }

  /**
   * Why the target of a link is not the project's own, or {@code null} when it is: it lies outside
   * the project, or in a hidden folder of it such as {@code .git}.
   */
  private String whyNotInProject(Path link) {
    try {
      Path target = link.toRealPath();
      Path base = project.toRealPath();
      if (target.startsWith(base) && !isHidden(base.relativize(target))) {
        return null;
      }
    } catch (IOException e) {
      return "is a symbolic link that cannot be followed: " + e.getMessage();
    }
    return "is a symbolic link to a "
        + (Files.isDirectory(link) ? "folder" : "file")
        + " outside the project";
  }

  /** Whether a path inside the project passes through a hidden folder such as {@code .git}. */
  private static boolean isHidden(Path relative) {
    for (Path part : relative) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /** The names of the folder's plain files, and of its links to plain files of the project. */
  private List<String> files() {
    return entries().stream()
        .filter(p -> whyNotAFile(p) == null && Files.isRegularFile(p))
        .map(p -> p.getFileName().toString())
        .toList();
  }

  private List<Path> entries() {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
