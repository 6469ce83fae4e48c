package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.Main;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.InstalledTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A stack a document shows: the Java blocks and the environment files ({@code yaml} blocks that
 * start with {@code # environments/<env>.yaml}) of one of its sections, written into a project,
 * compiled against the library as a reader's would be, and synthesized.
 *
 * @param java the section's Java blocks, in order
 * @param environments each environment file's text, by its path in the project
 */
record DocumentedStack(List<String> java, Map<String, String> environments) {
  private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("package ([\\w.]+);");
  private static final Pattern CLASS = Pattern.compile("public final class (\\w+)");
  private static final Pattern FILE = Pattern.compile("# (environments/[a-z0-9-]+\\.yaml)\n");

  /** What a synth printed, and its exit code. */
  record Synth(int code, String out, String err) {}

  /**
   * The blocks of one section of a Markdown file.
   *
   * @param document the file, relative to the project
   * @param heading the section's heading line, such as {@code ## The whole stack}
   */
  static DocumentedStack section(String document, String heading) throws Exception {
    String text = Files.readString(InstalledTools.PROJECT.resolve(document));
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("%s has a section %s", document, heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    String section = text.substring(start, end < 0 ? text.length() : end);
    List<String> java = new ArrayList<>();
    Map<String, String> environments = new LinkedHashMap<>();
    Matcher block = BLOCK.matcher(section);
    while (block.find()) {
      if (block.group(1).equals("java")) {
        java.add(block.group(2));
      } else {
        Matcher file = FILE.matcher(block.group(2));
        assertThat(file.lookingAt())
            .as("a yaml block starts with # environments/<env>.yaml")
            .isTrue();
        environments.put(file.group(1), block.group(2));
      }
    }
    return new DocumentedStack(java, environments);
  }

  /** {@return the environments' names} */
  List<String> environmentNames() {
    return environments.keySet().stream()
        .map(path -> Path.of(path).getFileName().toString().replace(".yaml", ""))
        .toList();
  }

  /**
   * Writes the first Java block and the environment files into the project, compiles the class with
   * every lint warning an error, and synthesizes every environment through the gate (strict when
   * the tests are), with the build's tools as the project's own {@code .tools/}.
   *
   * @param project an empty folder
   * @return what the synth printed
   */
  Synth synthesize(Path project) throws Exception {
    for (Map.Entry<String, String> file : environments.entrySet()) {
      Path target = project.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    String source = java.get(0);
    Matcher pkg = PACKAGE.matcher(source);
    Matcher cls = CLASS.matcher(source);
    assertThat(pkg.find() && cls.find()).as("a package and a public final class").isTrue();
    Path file = project.resolve("src").resolve(cls.group(1) + ".java");
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = Files.createDirectories(project.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int compiled =
        compiler.run(
            null,
            messages,
            messages,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            "-Xlint:all",
            "-Werror",
            file.toString());
    assertThat(compiled).withFailMessage("javac:\n%s", messages).isZero();

    Path tools = InstalledTools.PROJECT.resolve(".tools").toAbsolutePath();
    if (Files.isDirectory(tools)) {
      Files.createSymbolicLink(project.resolve(".tools"), tools);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, DocumentedStack.class.getClassLoader())) {
      StackDefinition<?> definition =
          (StackDefinition<?>)
              loader.loadClass(pkg.group(1) + "." + cls.group(1)).getConstructor().newInstance();
      int code =
          Main.run(
              definition,
              new String[] {
                "synth",
                "--env",
                "all",
                "--project-dir",
                project.toString(),
                "--validate",
                InstalledTools.strict() ? "strict" : "auto"
              },
              new PrintWriter(out),
              new PrintWriter(err),
              name -> null);
      return new Synth(code, out.toString(), err.toString());
    }
  }
}
