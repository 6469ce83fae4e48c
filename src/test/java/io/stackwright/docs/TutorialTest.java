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
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code docs/tutorial.md} is honest: the stack it ends with ("The whole stack") compiles against
 * the public API and synthesizes every environment its YAML blocks define through the validation
 * gate, and every command of the library's CLI it names exists.
 */
class TutorialTest {
  private static final Pattern BLOCK = Pattern.compile("```(java|yaml)\n(.*?)```", Pattern.DOTALL);
  private static final Pattern PACKAGE = Pattern.compile("package ([\\w.]+);");
  private static final Pattern CLASS = Pattern.compile("public final class (\\w+)");
  private static final Pattern FILE = Pattern.compile("# (environments/[a-z0-9-]+\\.yaml)\n");

  private static String tutorial() throws Exception {
    return Files.readString(InstalledTools.PROJECT.resolve("docs/tutorial.md"));
  }

  @Test
  void theWholeStackCompilesAndSynthesizesEveryEnvironment(@TempDir Path project) throws Exception {
    String tutorial = tutorial();
    int start = tutorial.indexOf("\n## The whole stack\n");
    assertThat(start).as("the tutorial ends with ## The whole stack").isPositive();
    int end = tutorial.indexOf("\n## ", start + 1);
    String section = tutorial.substring(start, end < 0 ? tutorial.length() : end);
    String java = null;
    List<String> environments = new ArrayList<>();
    Matcher block = BLOCK.matcher(section);
    while (block.find()) {
      if (block.group(1).equals("java")) {
        assertThat(java).as("one java block: the whole class").isNull();
        java = block.group(2);
      } else {
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
    assertThat(environments).containsExactlyInAnyOrder("dev", "staging", "prod");

    Matcher pkg = PACKAGE.matcher(java);
    Matcher cls = CLASS.matcher(java);
    assertThat(pkg.find() && cls.find()).isTrue();
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
            "-Werror",
            source.toString());
    assertThat(compiled).withFailMessage("javac:\n%s", compilerOutput).isZero();

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
          (StackDefinition<?>)
              loader.loadClass(pkg.group(1) + "." + cls.group(1)).getConstructor().newInstance();
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
    assertThat(out.toString()).contains("dev: wrote", "staging: wrote", "prod: wrote");
    Path dist = project.resolve("dist");
    // What the tutorial's steps say each one changes.
    assertThat(dist.resolve("prod/api.yaml"))
        .content()
        .contains("SPRING_DATASOURCE_URL", "memory: 1536Mi", "prometheus.io/scrape: \"true\"");
    assertThat(dist.resolve("prod/postgres.yaml")).content().contains("kind: CronJob");
    assertThat(dist.resolve("prod/compose/config/nginx/nginx.conf"))
        .content()
        .contains("zone=per_client_5r_m", "location /api/v1/auth/");
    assertThat(dist.resolve("dev/compose/compose.yaml")).content().contains("database-ui:");
    assertThat(dist.resolve("prod/compose/compose.yaml")).content().doesNotContain("database-ui");
  }

  /** The CLI commands the tutorial names answer --help. */
  @ParameterizedTest
  @ValueSource(strings = {"init", "install-validators", "synth", "diff"})
  void everyCommandTheTutorialNamesExists(String command) throws Exception {
    assertThat(tutorial()).contains(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int code =
        Main.run(
            new String[] {command, "--help"},
            new PrintWriter(out),
            new PrintWriter(err),
            name -> null);

    assertThat(code).withFailMessage("stderr:\n%s", err).isEqualTo(Main.OK);
  }
}
