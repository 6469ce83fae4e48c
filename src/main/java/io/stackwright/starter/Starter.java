package io.stackwright.starter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
      if (packageName.equals("java")
          || packageName.startsWith("java.")
          || packageName.equals("javax")
          || packageName.startsWith("javax.")) {
        throw new IllegalArgumentException(
            "'" + packageName + "' is the JDK's own package; give one of yours with --package");
      }
      if (!groupId.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
        throw new IllegalArgumentException(
            "'"
                + groupId
                + "' is not a Maven group id (names of letters, digits, '_' and '-', joined by"
                + " '.'); give one with --group-id (it defaults to the package)");
      }
    }

    /**
     * A project named after its folder, in package {@code com.example.<name without '-'>}.
     *
     * @param folder where it goes
     * @return the project
     */
    public static Project inFolder(Path folder) {
      return of(folder, null, null, null);
    }

    /**
     * A project, each name not given taken from the one before it.
     *
     * @param folder where it goes
     * @param name the stack's name, or {@code null} for the folder's name
     * @param packageName the package, or {@code null} for {@code com.example.<name without '-'>}
     * @param groupId the Maven group id, or {@code null} for the package
     * @return the project
     */
    public static Project of(Path folder, String name, String packageName, String groupId) {
      String stack = name != null ? name : folderName(folder);
      String pkg = packageName != null ? packageName : defaultPackage(stack);
      return new Project(folder, stack, pkg, groupId != null ? groupId : pkg);
    }

    private static String folderName(Path folder) {
      Path name = folder.toAbsolutePath().normalize().getFileName();
      return name == null ? "" : name.toString();
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
      String last = name.replace("-", "").toLowerCase(Locale.ROOT);
      // A stack named new or default: a keyword cannot be a package's name.
      return "com.example." + (SourceVersion.isKeyword(last) ? last + "_" : last);
    }
  }

  /**
   * Writes the project. Only a folder that is missing, empty, or holds nothing but {@code .git} (a
   * fresh clone) is written into, and only with files that did not exist: nothing of anyone's is
   * ever overwritten.
   *
   * @param project what to write
   * @return the files written, relative to its folder, in order
   * @throws IllegalArgumentException when the folder holds anything, is not a folder or a link, or
   *     is named through {@code ..} of a folder that does not exist
   * @throws IOException when a file or folder cannot be made; every file and folder made is removed
   */
  public static List<Path> write(Project project) throws IOException {
    Path folder = target(project.folder());
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      requireEmptyFolder(project.folder(), folder);
    }
    Map<Path, String> files = files(project);
    Made made = new Made();
    try {
      made.folders(folder);
      for (Map.Entry<Path, String> file : files.entrySet()) {
        Path target = folder.resolve(file.getKey());
        made.folders(target.getParent());
        made.file(target, file.getValue());
      }
    } catch (IOException | RuntimeException e) {
      made.remove();
      throw e;
    }
    return List.copyOf(files.keySet());
  }

  /**
   * The folder, absolute, with the links of the folders above it that exist resolved, so that every
   * file is made where the folder is.
   */
  private static Path target(Path given) throws IOException {
    Path existing = given.toAbsolutePath();
    List<Path> missing = new ArrayList<>();
    while (existing.getParent() != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      missing.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    Path target = missing.isEmpty() ? existing : existing.toRealPath();
    for (Path name : missing) {
      if (name.toString().equals("..")) {
        throw new IllegalArgumentException(
            given
                + " goes through '..' of a folder that does not exist; name the folder without"
                + " '..'");
      }
      target = name.toString().equals(".") ? target : target.resolve(name);
    }
    return target;
  }

  private static void requireEmptyFolder(Path given, Path folder) throws IOException {
    if (Files.isSymbolicLink(folder)) {
      throw new IllegalArgumentException(
          given + " is a symbolic link; name the folder itself, or a new one");
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(given + " exists and is not a folder; name a new one");
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        if (!entry.getFileName().toString().equals(".git")) {
          throw new IllegalArgumentException(
              given
                  + " is not empty; name a new folder (or one holding only .git), so that nothing"
                  + " in it is overwritten");
        }
      }
    }
  }

  /** What a write made, in order, so that a failed one removes exactly that. */
  private static final class Made {
    private final List<Path> paths = new ArrayList<>();

    /** Makes the missing folders down to {@code folder}, one at a time. */
    void folders(Path folder) throws IOException {
      List<Path> missing = new ArrayList<>();
      for (Path p = folder; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); ) {
        missing.add(0, p);
        p = p.getParent();
      }
      for (Path p : missing) {
        Files.createDirectory(p);
        paths.add(p);
      }
    }

    /** Makes the file, which must not exist; it counts as made from the moment it exists. */
    void file(Path target, String content) throws IOException {
      // CREATE_NEW: never over a file that appeared meanwhile.
      try (OutputStream out =
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        paths.add(target);
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
    }

    /** Removes what was made, last first; a folder only if nothing else was put in it. */
    void remove() {
      for (int i = paths.size() - 1; i >= 0; i--) {
        try {
          Files.deleteIfExists(paths.get(i));
        } catch (IOException e) {
          // A folder someone else wrote into stays; the error being reported is the first one.
        }
      }
    }
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
