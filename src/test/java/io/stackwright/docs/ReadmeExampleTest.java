package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.Main;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.InstalledTools;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Model your own stack" is a working program: its Java block compiles against the
 * public API, and its environment files synthesize through every validation layer with its own
 * main's entry point.
 */
class ReadmeExampleTest {
  private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("package ([\\w.]+);");
  private static final Pattern CLASS = Pattern.compile("public final class (\\w+)");
  private static final Pattern FILE = Pattern.compile("# (environments/[a-z0-9-]+\\.yaml)\n");

  @Test
  void modelYourOwnStackCompilesAndSynthesizes(@TempDir Path project) throws Exception {
    String readme = Files.readString(InstalledTools.PROJECT.resolve("README.md"));
    int start = readme.indexOf("\n## Model your own stack\n");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    String java = null;
    List<String> environments = new ArrayList<>();
    Matcher block = BLOCK.matcher(section);
    while (block.find()) {
      if (block.group(1).equals("java") && java == null) {
        java = block.group(2);
      } else if (block.group(1).equals("yaml")) {
        Matcher file = FILE.matcher(block.group(2));
        assertThat(file.lookingAt())
            .as("a yaml block starts with # environments/<env>.yaml")
            .isTrue();
        Path target = project.resolve(file.group(1));
        Files.createDirectories(target.getParent());
        Files.writeString(target, block.group(2));
        environments.add(target.getFileName().toString().replace(".yaml", ""));
      }
    }
    assertThat(java).isNotNull();
    assertThat(environments).contains("dev", "prod");

    Matcher pkg = PACKAGE.matcher(java);
    Matcher cls = CLASS.matcher(java);
    assertThat(pkg.find() && cls.find()).isTrue();
    String className = pkg.group(1) + "." + cls.group(1);
    Path source = project.resolve("src").resolve(cls.group(1) + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, java);
    Path classes = Files.createDirectories(project.resolve("classes"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream compilerOutput = new ByteArrayOutputStream();
    int compiled =
        compiler.run(
            null,
            compilerOutput,
            compilerOutput,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            "-Xlint:all",
            source.toString());
    assertThat(compiled).withFailMessage("javac:\n%s", compilerOutput).isZero();

    // The project's own tools, as a project of one's own would have them in .tools/.
    Path tools = InstalledTools.PROJECT.resolve(".tools").toAbsolutePath();
    if (Files.isDirectory(tools)) {
      Files.createSymbolicLink(project.resolve(".tools"), tools);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code;
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      StackDefinition<?> definition =
          (StackDefinition<?>) loader.loadClass(className).getConstructor().newInstance();
      code =
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
    }

    assertThat(code).withFailMessage("stdout:\n%s\nstderr:\n%s", out, err).isZero();
    assertThat(out.toString()).contains("dev: wrote", "prod: wrote");
    Path dist = project.resolve("dist");
    assertThat(dist.resolve("prod/app.yaml"))
        .content()
        .contains("image: ghcr.io/acme/notes:1.0.0", "revisionHistoryLimit: 3");
    assertThat(dist.resolve("dev/compose/compose.yaml".replace('/', File.separatorChar)))
        .content()
        .contains("stop_grace_period: 30s", "DB_HOST: postgres");
  }
}
