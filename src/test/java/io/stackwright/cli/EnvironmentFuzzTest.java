package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.EnvironmentLoader;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.shop.ShopEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random mutations of the valid environment files, run through the command line: whatever the
 * bytes, a synth ends with exit code 0, 1 or 2, never with a stack trace, and never leaves {@code
 * dist/} partly written.
 *
 * <p>The seed is fixed, so that a run is reproducible and a failure reproduces on any machine; the
 * number of tries is {@code -Dfuzz.tries} (50 in {@code mvn test}; e.g. {@code -Dfuzz.tries=5000}
 * for a long run), which the build passes on as jqwik's default.
 */
class EnvironmentFuzzTest {
  private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

  /** What YAML, the loader and the generated files give meaning to, and some of what they fear. */
  private static final List<String> TOKENS =
      List.of(
          ":",
          ": ",
          " ",
          "\n",
          "\t",
          "-",
          "- ",
          "[",
          "]",
          "{",
          "}",
          ",",
          "&a ",
          "*a",
          "!!str ",
          "!!binary ",
          "'",
          "\"",
          "#",
          "${X}",
          "${BACKEND_TAG}",
          "$",
          "$$",
          ";",
          "\\",
          "\u0000",
          "\u00e9",
          "\ufeff",
          "\u202e",
          "0",
          "-1",
          "99999999999999999999",
          "1e400",
          "0x1f",
          "010",
          "~",
          "null",
          "true",
          "yes",
          ":latest",
          "Gi",
          "512X",
          "<<: ",
          "---\n",
          "...\n",
          "? ",
          "|\n",
          ">-\n",
          "%YAML 1.1\n",
          "\r\n",
          "backend",
          "image",
          "replicas",
          "ingress");

  /** Numbers a setting might plausibly be given, in and out of its range. */
  private static final Integer[] NUMBERS = {0, 1, 2, 3, 5, 12, 64, 100, 250, 1000, 4096, 65536};

  private static Path base;
  private static Path project;
  private static SortedMap<String, DistWriter.Bytes> distBefore;

  /** One copy of the project for every try; a try that writes dist/ is followed by a restore. */
  @BeforeContainer
  static void copyProject() throws IOException {
    base = Files.createTempDirectory("stackwright-fuzz");
    project = base.resolve("project");
    MainTest.copyTree(MainTest.PROJECT.resolve("environments"), project.resolve("environments"));
    MainTest.copyTree(MainTest.PROJECT.resolve("dist"), project.resolve("dist"));
    distBefore = outputFiles();
  }

  @AfterContainer
  static void deleteProject() throws IOException {
    try (Stream<Path> paths = Files.walk(base)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }

  @Property(seed = "20261122", shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void aMutatedEnvironmentFileEndsInACleanExitAndAWholeDist(
      @ForAll("mutatedFiles") MutatedFile mutated) throws IOException {
    synthesize(mutated);
  }

  /**
   * Only numbers changed and lines dropped: the files stay YAML with known keys, so most tries
   * reach the model, the renderers, the gate and the writer.
   */
  @Property(seed = "20261122", shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
  void aWellFormedEditEndsInACleanExitAndAWholeDist(@ForAll("editedFiles") MutatedFile mutated)
      throws IOException {
    synthesize(mutated);
  }

  @Provide
  Arbitrary<MutatedFile> editedFiles() {
    return files(wellFormedEdit(), 2);
  }

  /** A change that keeps the file YAML with known keys: a number replaced, or a line dropped. */
  private static Arbitrary<Mutation> wellFormedEdit() {
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.of(NUMBERS))
            .as(SetNumber::new),
        Arbitraries.doubles().between(0, 1).map(DropLine::new));
  }

  /** One environment file with one to {@code most} of the given mutations applied in turn. */
  private static Arbitrary<MutatedFile> files(Arbitrary<Mutation> mutation, int most) {
    return Combinators.combine(
            Arbitraries.of(ENVIRONMENTS.toArray(String[]::new)),
            mutation.list().ofMinSize(1).ofMaxSize(most))
        .as(
            (environment, mutations) -> {
              byte[] content = original(environment);
              for (Mutation m : mutations) {
                content = m.apply(content);
              }
              return new MutatedFile(environment, content, mutations);
            });
  }

  private void synthesize(MutatedFile mutated) throws IOException {
    Path file = project.resolve("environments").resolve(mutated.environment() + ".yaml");
    byte[] original = Files.readAllBytes(file);
    Files.write(file, mutated.content());
    CliRun run;
    try {
      run = CliRun.of("synth", "--env", mutated.environment(), "--project-dir", project.toString());
    } finally {
      Files.write(file, original);
    }

    int code = run.code();
    Statistics.label("exit code").collect(code);
    assertThat(code)
        .as("exit code; stderr:\n%s", run.err())
        .isIn(Main.OK, Main.VALIDATION_FAILED, Main.BAD_INPUT);
    assertThat(run.err())
        .doesNotContain("internal error")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    try (Stream<Path> entries = Files.list(project.resolve("dist"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("no scratch folder or journal left behind")
          .allMatch(name -> !name.startsWith(".") || name.equals(".lock"));
    }
    if (code == Main.OK) {
      Path written = project.resolve("dist").resolve(mutated.environment());
      assertThat(written.resolve("00-namespace.yaml")).isRegularFile();
      assertThat(written.resolve("compose/compose.yaml")).isRegularFile();
      restoreDist();
    } else {
      assertThat(outputFiles()).as("dist/ untouched by a refused synth").isEqualTo(distBefore);
    }
  }

  /**
   * The loader alone, ten inputs a try (mutated files, random bytes, random YAML tokens): a record
   * or one-line problems with a position, nothing else.
   */
  @Property(seed = "20261122")
  void theLoaderTurnsAnyBytesIntoARecordOrProblems(@ForAll("loaderInputs") List<byte[]> inputs) {
    EnvironmentLoader loader = new EnvironmentLoader(name -> null);
    for (byte[] content : inputs) {
      assertThatCode(
              () -> {
                try {
                  loader.load("environments/fuzz.yaml", content, ShopEnvironment.class);
                } catch (EnvironmentException e) {
                  assertThat(e.problems())
                      .allSatisfy(
                          p -> {
                            assertThat(p.format()).doesNotContain("\n").doesNotContain("\r");
                            assertThat(p.line()).isPositive();
                            assertThat(p.column()).isPositive();
                          });
                }
              })
          .as("loading %s", new String(content, StandardCharsets.UTF_8))
          .doesNotThrowAnyException();
    }
  }

  @Provide
  Arbitrary<MutatedFile> mutatedFiles() {
    Arbitrary<Mutation> mutation =
        Arbitraries.oneOf(
            Combinators.combine(
                    Arbitraries.doubles().between(0, 1),
                    Arbitraries.of(TOKENS.toArray(String[]::new)))
                .as(Insert::new),
            Combinators.combine(
                    Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 40))
                .as(Delete::new),
            Combinators.combine(
                    Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 255))
                .as(SetByte::new),
            Combinators.combine(
                    Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1))
                .as(SwapLines::new),
            Arbitraries.doubles().between(0, 1).map(DuplicateLine::new),
            Combinators.combine(
                    Arbitraries.doubles().between(0, 1),
                    Arbitraries.of(TOKENS.toArray(String[]::new)))
                .as(ReplaceValue::new),
            // Mutations that keep the YAML well-formed and mostly the keys known, so that tries
            // get past the loader into the model, the renderers and the gate.
            wellFormedEdit());
    return files(mutation, 4);
  }

  @Provide
  Arbitrary<List<byte[]>> loaderInputs() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    Arbitrary<byte[]> yamlish =
        Arbitraries.of(TOKENS.toArray(String[]::new))
            .list()
            .ofMaxSize(200)
            .map(tokens -> String.join("", tokens).getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, yamlish, mutatedFiles().map(MutatedFile::content))
        .list()
        .ofSize(10);
  }

  private static byte[] original(String environment) {
    try {
      return Files.readAllBytes(
          MainTest.PROJECT.resolve("environments").resolve(environment + ".yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static SortedMap<String, DistWriter.Bytes> outputFiles() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(project.resolve("dist"));
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  private static void restoreDist() throws IOException {
    Path dist = project.resolve("dist");
    try (Stream<Path> paths = Files.walk(dist)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
    MainTest.copyTree(MainTest.PROJECT.resolve("dist"), dist);
  }

  /**
   * A mutated copy of one environment file.
   *
   * @param environment which file
   * @param content its mutated bytes
   * @param mutations what was done to it, for the report of a failing try
   */
  record MutatedFile(String environment, byte[] content, List<Mutation> mutations) {
    @Override
    public String toString() {
      return environment + " " + mutations + ":\n" + new String(content, StandardCharsets.UTF_8);
    }
  }

  /** One change to a file's bytes, at a position given as a fraction of its length. */
  interface Mutation {
    byte[] apply(byte[] content);

    static int at(double where, int length) {
      return (int) Math.min(length, Math.floor(where * (length + 1)));
    }

    static byte[] splice(byte[] content, int from, int to, byte[] insert) {
      byte[] result = new byte[content.length - (to - from) + insert.length];
      System.arraycopy(content, 0, result, 0, from);
      System.arraycopy(insert, 0, result, from, insert.length);
      System.arraycopy(content, to, result, from + insert.length, content.length - to);
      return result;
    }

    /** The item at a position given as a fraction of the list; null for an empty list. */
    static <T> T pick(double which, List<T> items) {
      return items.isEmpty()
          ? null
          : items.get(Math.min(items.size() - 1, (int) (which * items.size())));
    }

    /** The bounds [start, end) of the line at a fraction of the file, its line end included. */
    static int[] line(double which, byte[] content) {
      List<Integer> starts = lineStarts(content);
      Integer line = pick(which, IntStream.range(0, starts.size() - 1).boxed().toList());
      return line == null ? null : new int[] {starts.get(line), starts.get(line + 1)};
    }

    /** The line boundaries: start offsets of each line, and the length as the last. */
    static List<Integer> lineStarts(byte[] content) {
      List<Integer> starts = new ArrayList<>(List.of(0));
      for (int i = 0; i < content.length; i++) {
        if (content[i] == '\n') {
          starts.add(i + 1);
        }
      }
      if (starts.get(starts.size() - 1) != content.length) {
        starts.add(content.length);
      }
      return starts;
    }
  }

  record Insert(double where, String token) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      int at = Mutation.at(where, content.length);
      return Mutation.splice(content, at, at, token.getBytes(StandardCharsets.UTF_8));
    }
  }

  record Delete(double where, int length) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      int from = Mutation.at(where, content.length);
      return Mutation.splice(content, from, Math.min(content.length, from + length), new byte[0]);
    }
  }

  record SetByte(double where, int value) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      if (content.length == 0) {
        return content;
      }
      byte[] result = content.clone();
      result[Math.min(content.length - 1, Mutation.at(where, content.length))] = (byte) value;
      return result;
    }
  }

  record SwapLines(double first, double second) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      List<Integer> starts = Mutation.lineStarts(content);
      int lines = starts.size() - 1;
      if (lines < 2) {
        return content;
      }
      int a = Math.min(lines - 1, (int) (first * lines));
      int b = Math.min(lines - 1, (int) (second * lines));
      List<byte[]> all = new ArrayList<>();
      for (int i = 0; i < lines; i++) {
        all.add(Arrays.copyOfRange(content, starts.get(i), starts.get(i + 1)));
      }
      byte[] swap = all.get(a);
      all.set(a, all.get(b));
      all.set(b, swap);
      return concat(all);
    }
  }

  record DuplicateLine(double which) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      int[] line = Mutation.line(which, content);
      if (line == null) {
        return content;
      }
      byte[] copy = Arrays.copyOfRange(content, line[0], line[1]);
      return Mutation.splice(content, line[0], line[0], copy);
    }
  }

  /** Replaces the value after the {@code ": "} of one line. */
  record ReplaceValue(double which, String token) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      String text = new String(content, StandardCharsets.ISO_8859_1);
      List<Integer> values = new ArrayList<>();
      for (int i = text.indexOf(": "); i >= 0; i = text.indexOf(": ", i + 1)) {
        values.add(i + 2);
      }
      Integer from = Mutation.pick(which, values);
      if (from == null) {
        return content;
      }
      int to = text.indexOf('\n', from);
      return Mutation.splice(
          content, from, to < 0 ? content.length : to, token.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * Replaces one number of the file (a count, a port, the digits of a quantity such as {@code
   * 512Mi}) with another.
   */
  record SetNumber(double which, int value) implements Mutation {
    private static final Pattern NUMBER =
        Pattern.compile("(?<=[ :\\[-])[0-9]+(?=[A-Za-z]*\\s*$|[A-Za-z]*[,\\]])", Pattern.MULTILINE);

    @Override
    public byte[] apply(byte[] content) {
      String text = new String(content, StandardCharsets.ISO_8859_1);
      Matcher m = NUMBER.matcher(text);
      List<int[]> spans = new ArrayList<>();
      while (m.find()) {
        spans.add(new int[] {m.start(), m.end()});
      }
      int[] span = Mutation.pick(which, spans);
      if (span == null) {
        return content;
      }
      return Mutation.splice(
          content, span[0], span[1], Integer.toString(value).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Removes one whole line: a setting falls back to its default, or a section loses a key. */
  record DropLine(double which) implements Mutation {
    @Override
    public byte[] apply(byte[] content) {
      int[] line = Mutation.line(which, content);
      return line == null ? content : Mutation.splice(content, line[0], line[1], new byte[0]);
    }
  }

  private static byte[] concat(List<byte[]> parts) {
    int length = parts.stream().mapToInt(p -> p.length).sum();
    byte[] result = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, result, at, part.length);
      at += part.length;
    }
    return result;
  }
}
