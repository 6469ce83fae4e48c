package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.shop.ShopStack;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus: every file under {@code src/test/resources/bad-input/} is an environment
 * file that the command line must refuse with exit code 2, a message naming the file, line, column
 * and key path with a hint, and {@code dist/} left byte for byte as it was. Adding a case is adding
 * a file.
 *
 * <p>Each case states what it expects in its leading comment lines, or, for a case whose bytes
 * cannot start with comments (an empty file), in a sidecar {@code <case>.expect}:
 *
 * <ul>
 *   <li>{@code # expect: <text>}: text the error output must contain (repeatable).
 *   <li>{@code # env: <name>}: the environment the file is installed as; default {@code prod}.
 *   <li>{@code # variable: NAME=value}: a variable set for the run; {@code \n} in the value is a
 *       newline.
 *   <li>{@code # pad-to-bytes: <n>}: the file is padded with comment lines to {@code n} bytes, so
 *       that the repository need not hold a file of megabytes.
 * </ul>
 *
 * A line ending in {@code #<} marks the line a problem must be reported at.
 */
class BadInputTest {
  private static final Path CORPUS = corpus();
  private static final Pattern DIRECTIVE =
      Pattern.compile("^# (expect|env|variable|pad-to-bytes): ");

  @TempDir Path project;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".yaml"))
          .map(name -> name.substring(0, name.length() - ".yaml".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithAPreciseMessageAndDistUntouched(String name) throws IOException {
    byte[] content = Files.readAllBytes(CORPUS.resolve(name + ".yaml"));
    Path sidecar = CORPUS.resolve(name + ".expect");
    List<String> directives =
        Files.exists(sidecar)
            ? Files.readAllLines(sidecar, StandardCharsets.UTF_8)
            : leadingComments(content);
    List<String> expected = new ArrayList<>();
    Map<String, String> variables = new HashMap<>();
    String env = "prod";
    for (String line : directives) {
      Matcher m = DIRECTIVE.matcher(line);
      if (!m.find()) {
        continue;
      }
      String value = line.substring(m.end());
      switch (m.group(1)) {
        case "expect" -> expected.add(value);
        case "env" -> env = value.trim();
        case "variable" ->
            variables.put(
                value.substring(0, value.indexOf('=')),
                value.substring(value.indexOf('=') + 1).replace("\\n", "\n"));
        case "pad-to-bytes" -> content = padded(content, Integer.parseInt(value.trim()));
        default -> throw new IllegalStateException(line);
      }
    }
    assertThat(expected).as("the case states what it expects").isNotEmpty();

    MainTest.copyTree(MainTest.PROJECT.resolve("environments"), project.resolve("environments"));
    MainTest.copyTree(MainTest.PROJECT.resolve("dist"), project.resolve("dist"));
    SortedMap<String, DistWriter.Bytes> before = DistInput.read(project.resolve("dist"));
    // The lock beside the environment folders is not output; a synth in the checkout leaves one.
    before.keySet().removeIf(path -> path.startsWith("."));
    Files.write(project.resolve("environments").resolve(env + ".yaml"), content);

    CliRun run =
        CliRun.of(
            new ShopStack(),
            variables::get,
            "synth",
            "--env",
            env,
            "--project-dir",
            project.toString());

    String file = "environments/" + env + ".yaml";
    assertThat(run.code()).as("exit code; stderr:\n%s", run.err()).isEqualTo(Main.BAD_INPUT);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(expected)
        .contains("nothing was written")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    List<String> problems = run.err().lines().filter(l -> l.startsWith(file + ":")).toList();
    assertThat(problems)
        .as("problems in the form file:line:column: key.path: message; how to fix")
        .isNotEmpty()
        .allMatch(
            l -> l.matches(Pattern.quote(file) + ":\\d+:\\d+: \\S+: .+; .+"),
            "file:line:column: key.path: message; hint");
    int marked = markedLine(content);
    if (marked > 0) {
      assertThat(problems)
          .anyMatch(l -> l.startsWith(file + ":" + marked + ":"), "names line " + marked);
    }
    SortedMap<String, DistWriter.Bytes> after = DistInput.read(project.resolve("dist"));
    after.keySet().removeIf(path -> path.startsWith("."));
    assertThat(after).as("dist/ byte for byte as it was").isEqualTo(before);
  }

  private static List<String> leadingComments(byte[] content) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        String line = new String(content, start, i - start, StandardCharsets.UTF_8);
        if (!line.startsWith("#")) {
          break;
        }
        lines.add(line);
        start = i + 1;
      }
    }
    return lines;
  }

  /** The 1-based line that ends in {@code #<}, or 0. */
  private static int markedLine(byte[] content) {
    String[] lines = new String(content, StandardCharsets.ISO_8859_1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].endsWith("#<")) {
        return i + 1;
      }
    }
    return 0;
  }

  private static byte[] padded(byte[] content, int size) {
    StringBuilder padding = new StringBuilder();
    String line = "# padding " + "-".repeat(69) + "\n";
    while (content.length + padding.length() < size) {
      padding.append(line);
    }
    byte[] result = new byte[content.length + padding.length()];
    System.arraycopy(content, 0, result, 0, content.length);
    byte[] pad = padding.toString().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(pad, 0, result, content.length, pad.length);
    return result;
  }

  private static Path corpus() {
    try {
      return Path.of(BadInputTest.class.getResource("/bad-input").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
