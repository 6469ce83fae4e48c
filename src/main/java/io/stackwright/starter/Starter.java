package io.stackwright.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * Writes a new project: {@code pom.xml}, {@code README.md}, {@code .gitignore}, {@code
 * environments/{dev,staging,prod}.yaml}, the stack class and its test, from the templates beside
 * this class. It writes into an empty or missing folder only, and removes what it wrote if it
 * cannot finish.
 */
public final class Starter {
  private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,28}[a-z0-9])?");

  private Starter() {}

  /**
   * What the new project is called.
   *
   * @param folder where it goes: missing, or an empty folder
   * @param name the stack's name: its namespaces' prefix ({@code <name>-prod}) and the artifact's
   *     id; a DNS label of at most 30 characters
   * @param packageName the Java package of the stack class
   * @param groupId the Maven group id
   */
  public record Project(Path folder, String name, String packageName, String groupId) {
    /**
     * Checks the names.
     *
     * @param folder see {@link #folder()}
     * @param name see {@link #name()}
     * @param packageName see {@link #packageName()}
     * @param groupId see {@link #groupId()}
     * @throws IllegalArgumentException naming the value and what it must be
     */
    public Project {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "the stack's name '"
                + name
                + "' must be 1 to 30 lower-case letters, digits and '-', starting with a letter"
                + " and not ending with '-' (it prefixes the namespaces, such as "
                + "<name>-prod); give one with --name");
      }
      if (!SourceVersion.isName(packageName)) {
        throw new IllegalArgumentException(
            "'" + packageName + "' is not a Java package name; give one with --package");
      }
      if (!groupId.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException(
            "'" + groupId + "' is not a Maven group id; give one with --group-id");
      }
    }

    /**
     * A project named after its folder, in package {@code com.example.<name without '-'>}.
     *
     * @param folder where it goes
     * @return the project
     */
    public static Project inFolder(Path folder) {
      Path file = folder.toAbsolutePath().normalize().getFileName();
      String name = file == null ? "" : file.toString();
      return new Project(folder, name, defaultPackage(name), defaultPackage(name));
    }

    /** {@return the stack class's simple name: the name in camel case, then {@code Stack}} */
    public String className() {
      StringBuilder out = new StringBuilder();
      for (String part : name.split("-")) {
        if (!part.isEmpty()) {
          out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
      }
      return out.append("Stack").toString();
    }

    /** {@return the stack class's source file, relative to the project} */
    public Path stackSource() {
      return Path.of("src/main/java", packageName.replace('.', '/'), className() + ".java");
    }

    /** {@return the stack class's binary name} */
    public String stackClass() {
      return packageName + "." + className();
    }

    private static String defaultPackage(String name) {
      return "com.example." + name.replace("-", "").toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Writes the project.
   *
   * @param project what to write
   * @return the files written, relative to its folder, in order
   * @throws IllegalArgumentException when the folder holds anything, or is not a folder
   * @throws IOException when a file cannot be written; what was written is removed
   */
  public static List<Path> write(Project project) throws IOException {
    Path folder = project.folder();
    boolean made = !Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
    if (!made) {
      requireEmptyFolder(folder);
    }
    Map<Path, String> files = files(project);
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(folder);
      for (Map.Entry<Path, String> file : files.entrySet()) {
        Path target = folder.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        // CREATE_NEW: never over a file that appeared meanwhile.
        Files.writeString(
            target,
            file.getValue(),
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW);
        written.add(file.getKey());
      }
    } catch (IOException | RuntimeException e) {
      removeWritten(folder, written, made);
      throw e;
    }
    return written;
  }

  private static void requireEmptyFolder(Path folder) throws IOException {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(folder + " exists and is not a folder; name a new one");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      if (entries.iterator().hasNext()) {
        throw new IllegalArgumentException(
            folder + " is not empty; name a new folder, so that nothing in it is overwritten");
      }
    }
  }

  /** Removes the files written, then the folders made for them, deepest first, if left empty. */
  private static void removeWritten(Path folder, List<Path> written, boolean madeFolder) {
    try {
      for (Path file : written) {
        Files.deleteIfExists(folder.resolve(file));
      }
      List<Path> parents = new ArrayList<>();
      for (Path file : written) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
          if (!parents.contains(p)) {
            parents.add(p);
          }
        }
      }
      parents.sort((a, b) -> b.getNameCount() - a.getNameCount());
      for (Path parent : parents) {
        deleteIfEmpty(folder.resolve(parent));
      }
      if (madeFolder) {
        deleteIfEmpty(folder);
      }
    } catch (IOException e) {
      // The error being reported is the first one; this one would hide it.
    }
  }

  private static void deleteIfEmpty(Path folder) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      if (entries.iterator().hasNext()) {
        return;
      }
    }
    Files.deleteIfExists(folder);
  }

  /** The files, by path relative to the project. */
  static Map<Path, String> files(Project project) {
    Properties versions = versions();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("name", project.name());
    values.put("package", project.packageName());
    values.put("packagePath", project.packageName().replace('.', '/'));
    values.put("class", project.className());
    values.put("groupId", project.groupId());
    values.put("stackwrightVersion", versions.getProperty("stackwright"));
    values.put("junitVersion", versions.getProperty("junit"));
    values.put("assertjVersion", versions.getProperty("assertj"));
    Path test =
        Path.of(
            "src/test/java",
            project.packageName().replace('.', '/'),
            project.className() + "Test.java");
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(Path.of("pom.xml"), fill("pom.xml", values));
    files.put(Path.of("README.md"), fill("README.md", values));
    files.put(Path.of(".gitignore"), fill("gitignore", values));
    for (String environment : List.of("dev", "staging", "prod")) {
      files.put(
          Path.of("environments", environment + ".yaml"), fill(environment + ".yaml", values));
    }
    files.put(project.stackSource(), fill("Stack.java", values));
    files.put(test, fill("StackTest.java", values));
    return files;
  }

  private static String fill(String template, Map<String, String> values) {
    String text = resource(template + ".template");
    for (Map.Entry<String, String> value : values.entrySet()) {
      text = text.replace("{{" + value.getKey() + "}}", value.getValue());
    }
    if (text.contains("{{")) {
      throw new IllegalStateException("template " + template + " has a placeholder left: " + text);
    }
    return text;
  }

  private static Properties versions() {
    Properties versions = new Properties();
    try (InputStream in = Starter.class.getResourceAsStream("versions.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "the jar holds no io/stackwright/starter/versions.properties");
      }
      versions.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return versions;
  }

  private static String resource(String name) {
    try (InputStream in = Starter.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar holds no io/stackwright/starter/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
