package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documents hold together: every relative link of the README, CONTRIBUTING.md, SECURITY.md and
 * {@code docs/} names a file that exists, and, with an {@code #anchor}, a heading of that file (as
 * GitHub makes anchors of headings). And the README shows the commands {@code .ci/run} runs as the
 * README's.
 */
class DocLinksTest {
  private static final Path PROJECT = InstalledTools.PROJECT.toAbsolutePath().normalize();
  private static final Pattern FENCE = Pattern.compile("(?ms)^```.*?^```[ \\t]*$");
  private static final Pattern CODE = Pattern.compile("`[^`]*`");
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *#* *$");

  @Test
  void everyRelativeLinkNamesAFileAndAHeadingThatExist() throws IOException {
    List<Path> documents = documents();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : documents) {
      Matcher link = LINK.matcher(prose(Files.readString(document)));
      while (link.find()) {
        String target = link.group(1);
        if (target.matches("[a-z][a-z0-9+.-]*:.*")) {
          continue; // https:, mailto:: not a file of the project
        }
        checked++;
        String problem = problem(document, target);
        if (problem != null) {
          broken.add(PROJECT.relativize(document) + ": (" + target + ") " + problem);
        }
      }
    }

    assertThat(documents).as("documents").hasSizeGreaterThan(8);
    assertThat(checked).as("relative links checked").isGreaterThan(50);
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void theReadmeShowsTheCommandsCiRunsAsItsOwn() throws IOException {
    String ci = Files.readString(PROJECT.resolve(".ci/run"));
    List<String> readme = shellCommands(Files.readString(PROJECT.resolve("README.md")));

    // The test command, word for word.
    assertThat(ci).contains("\nmvn test\n");
    assertThat(readme).contains("mvn test");
    // The synth command: CI runs it for every environment, strictly.
    String synth = "mvn -q compile exec:java -Denv=";
    assertThat(ci).contains("\n" + synth + "all -Dvalidate=strict -Drebuild\n");
    assertThat(readme).contains(synth + "prod");
  }

  /** What is wrong with a link, or null. */
  private static String problem(Path document, String target) throws IOException {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
    if (!file.startsWith(PROJECT)) {
      return "points outside the project";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (hash < 0) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return "an anchor into a file that is not Markdown";
    }
    Set<String> anchors = anchors(Files.readString(file));
    String anchor = target.substring(hash + 1);
    return anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + anchors;
  }

  /** The anchors GitHub gives the headings of a Markdown text, duplicates numbered. */
  private static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    Matcher heading = HEADING.matcher(FENCE.matcher(markdown).replaceAll(""));
    while (heading.find()) {
      String slug =
          heading
              .group(1)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{N} _-]", "")
              .replace(' ', '-');
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }

  /** The text outside code: fenced blocks and code spans removed. */
  private static String prose(String markdown) {
    return CODE.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
  }

  /** The commands of the {@code sh} blocks, each without its comment. */
  private static List<String> shellCommands(String markdown) {
    List<String> commands = new ArrayList<>();
    Matcher block = Pattern.compile("(?s)```sh\n(.*?)```").matcher(markdown);
    while (block.find()) {
      for (String line : block.group(1).split("\n")) {
        String command = line.replaceAll("\\s+#.*$", "").strip();
        if (!command.isEmpty() && !command.startsWith("#")) {
          commands.add(command);
        }
      }
    }
    return commands;
  }

  private static List<Path> documents() throws IOException {
    List<Path> documents = new ArrayList<>();
    for (String root : List.of("README.md", "CONTRIBUTING.md", "SECURITY.md")) {
      documents.add(PROJECT.resolve(root));
    }
    try (Stream<Path> docs = Files.walk(PROJECT.resolve("docs"))) {
      docs.filter(f -> f.toString().endsWith(".md")).sorted().forEach(documents::add);
    }
    return documents;
  }
}
