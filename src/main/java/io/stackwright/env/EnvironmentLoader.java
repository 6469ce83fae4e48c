package io.stackwright.env;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Loads an environment file strictly onto an immutable record, reporting every problem in the file
 * at once, each with file, line, column and key path.
 *
 * <h2>Reading</h2>
 *
 * <ul>
 *   <li>Files larger than 1 MiB are rejected before parsing.
 *   <li>Bytes must be valid UTF-8; a bad byte is reported at its line. A leading byte-order mark is
 *       ignored.
 *   <li>The file must hold exactly one YAML document whose root is a mapping. An empty file, or one
 *       with only comments, is a problem that lists the expected keys.
 *   <li>YAML is composed into nodes only; no YAML tag ever instantiates a class, and a tag that
 *       would change what a value means ({@code !!str 3}, {@code !!binary}, {@code !local}, a
 *       global tag) is a problem at its key; one that changes nothing ({@code !!str text}) is
 *       accepted. Anchors and aliases are allowed, but at most 20 aliases may refer to lists or
 *       mappings (which stops "billion laughs" expansion), nesting is limited to 32 levels,
 *       recursive keys are refused, and a value reached through an alias is reported at the alias.
 *       Merge keys ({@code <<}) are not supported.
 * </ul>
 *
 * <h2>Binding</h2>
 *
 * <ul>
 *   <li>A mapping binds to a record: each key is a record component name, exact and case-sensitive.
 *       Unknown keys are problems with a "did you mean" suggestion. Duplicate keys are problems at
 *       the second occurrence; the first one is bound.
 *   <li>A missing key gives the component {@code null}, so optional properties use boxed or
 *       reference types and take their defaults in the record's compact constructor. A missing
 *       primitive component ({@code int}, {@code long}, {@code boolean}, {@code double}) is a
 *       problem. An explicit null ({@code key:}, {@code null}, {@code ~}) is a problem everywhere.
 *   <li>Component types: {@code String}, {@code int}/{@code Integer}, {@code long}/{@code Long},
 *       {@code boolean}/{@code Boolean}, {@code double}/{@code Double}, enums, classes with a
 *       {@code public static X parse(String)} (whose {@link IllegalArgumentException} becomes a
 *       problem), records, {@code List<E>} (bound with {@link List#copyOf}) and {@code Map<String,
 *       V>} (unmodifiable, in file order). Any other type, {@code Optional} included, is a mistake
 *       in the model and fails with {@link IllegalArgumentException} before the file is read.
 *   <li>A {@code String} takes the scalar's text as written, so {@code no}, {@code on} and {@code
 *       1.0} stay text. Booleans are only unquoted {@code true} and {@code false}. Integers and
 *       numbers must be unquoted decimals ({@code 0x10}, {@code 1_000}, {@code 010} and {@code "3"}
 *       are problems) and in range. Enum constants are written in lower case with dashes: {@code
 *       LOG_LEVEL} is {@code log-level}.
 *   <li>Scalar values (never keys) may reference variables before they are converted: {@code
 *       ${VAR}}, {@code ${VAR:-default}}; {@code $${VAR}} is a literal {@code ${VAR}}. Substituted
 *       values are not substituted again. An unset variable without a default is a problem, and
 *       each one is reported. An unquoted scalar is typed by its substituted text, so {@code
 *       replicas: ${REPLICAS:-2}} binds to an {@code int}.
 *   <li>After its components are bound, a record's canonical constructor is called, unless any of
 *       them had problems (unknown or duplicate keys alone do not stop it, so its checks still
 *       report in the same pass). An {@link InvalidPropException} it throws is reported at the
 *       named key's value when that is a scalar, at the key otherwise, and at the mapping if the
 *       key is absent; any other {@link IllegalArgumentException} or {@link NullPointerException}
 *       is reported at the mapping.
 *   <li>Key paths are dotted, with list items as {@code [i]} and map entries by key: {@code
 *       services.backend.ports[0].name}, {@code services.backend.env.LOG_LEVEL}.
 * </ul>
 *
 * <p>Instances are thread-safe and meant to be shared; the binding set-up of each record type is
 * worked out once and reused.
 */
public final class EnvironmentLoader {

  private final Variables variables;
  private final Shapes shapes = new Shapes();

  /**
   * Creates a loader with the limits described above (1 MiB per file, 20 collection aliases, 32
   * levels of nesting) and the given variable lookup.
   *
   * @param variables looks up a variable by name, returning {@code null} when it is not set; for
   *     example {@code System::getenv}
   */
  public EnvironmentLoader(Function<String, String> variables) {
    this.variables = new Variables(Objects.requireNonNull(variables, "variables"));
  }

  /**
   * Loads a file; problems name the file by {@code file.toString()}.
   *
   * @param file the environment file
   * @param type the record the root mapping binds to
   * @param <T> the record type
   * @return the bound record
   * @throws EnvironmentException listing every problem found, including a file that cannot be read
   * @throws IllegalArgumentException if {@code type} has a component type that cannot be bound
   */
  public <T extends Record> T load(Path file, Class<T> type) throws EnvironmentException {
    return load(file, file.toString(), type);
  }

  /**
   * Loads a file; problems name it {@code displayName}, e.g. its path relative to the project.
   *
   * @param file the environment file
   * @param displayName how problems name the file
   * @param type the record the root mapping binds to
   * @param <T> the record type
   * @return the bound record
   * @throws EnvironmentException listing every problem found, including a file that cannot be read
   * @throws IllegalArgumentException if {@code type} has a component type that cannot be bound
   */
  public <T extends Record> T load(Path file, String displayName, Class<T> type)
      throws EnvironmentException {
    return load(file, displayName, type, value -> List.of());
  }

  /**
   * Loads a file, then applies checks that need more than the file, such as the environment's name;
   * each problem they return is reported at its key like the record's own checks.
   *
   * @param file the environment file
   * @param displayName how problems name the file
   * @param type the record the root mapping binds to
   * @param checks the further checks of a bound record; each {@link InvalidPropException#key()} is
   *     a dotted key path from the root, such as {@code backend.image}
   * @param <T> the record type
   * @return the bound record
   * @throws EnvironmentException listing every problem found, including a file that cannot be read
   * @throws IllegalArgumentException if {@code type} has a component type that cannot be bound
   */
  public <T extends Record> T load(
      Path file,
      String displayName,
      Class<T> type,
      Function<? super T, List<InvalidPropException>> checks)
      throws EnvironmentException {
    shapes.of(type);
    String name = displayName;
    byte[] content;
    try {
      long size = Files.size(file);
      if (size > Limits.MAX_FILE_BYTES) {
        throw new EnvironmentException(List.of(tooLarge(name, size)));
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(name, "the file does not exist", "check the path");
    } catch (AccessDeniedException e) {
      throw fileProblem(name, "the file cannot be read: permission denied", "");
    } catch (IOException e) {
      throw fileProblem(name, "the file cannot be read: " + e.getMessage(), "");
    }
    return load(name, content, type, checks);
  }

  /**
   * Loads in-memory content.
   *
   * @param displayName how problems name the file, e.g. {@code environments/prod.yaml}
   * @param content the file's bytes, expected to be UTF-8
   * @param type the record the root mapping binds to
   * @param <T> the record type
   * @return the bound record
   * @throws EnvironmentException listing every problem found, sorted by line, then column
   * @throws IllegalArgumentException if {@code type} has a component type that cannot be bound
   */
  public <T extends Record> T load(String displayName, byte[] content, Class<T> type)
      throws EnvironmentException {
    return load(displayName, content, type, value -> List.of());
  }

  private <T extends Record> T load(
      String displayName,
      byte[] content,
      Class<T> type,
      Function<? super T, List<InvalidPropException>> checks)
      throws EnvironmentException {
    RecordShape shape = shapes.of(type);
    ProblemCollector problems = new ProblemCollector(displayName);
    variables.forget();
    Bound bound;
    try {
      bound = read(content, shape, problems);
    } catch (LoadingStopped e) {
      bound = Bound.NOTHING;
    }
    if (problems.isEmpty()) {
      for (InvalidPropException invalid : checks.apply(type.cast(bound.value()))) {
        addAt(problems, bound.root(), invalid);
      }
    }
    if (!problems.isEmpty()) {
      throw new EnvironmentException(
          problems.problems().stream().map(this::withValuesHidden).toList());
    }
    return type.cast(bound.value());
  }

  /**
   * What a file was bound to, and the document's root node, where the further checks' problems are
   * placed; both {@code null} when the file has problems before its root can be bound.
   */
  private record Bound(Object value, Node root) {
    static final Bound NOTHING = new Bound(null, null);
  }

  /** A problem with the values of variables hidden, which may be secrets a CI injected. */
  private Problem withValuesHidden(Problem p) {
    return new Problem(
        p.file(),
        p.line(),
        p.column(),
        p.keyPath(),
        variables.hideValues(p.message()),
        variables.hideValues(p.hint()));
  }

  /**
   * Reports values that a stack rejected after the file loaded (a rule that spans services, such as
   * "at least 2 replicas outside development"), each at its key path in the file as a check of
   * {@link #load(Path, String, Class, Function)} is reported: at the value, or at the nearest
   * written ancestor when the key is absent (its default is what was rejected), with the hint for
   * an absent key ({@link InvalidPropException#absentHint()}).
   *
   * @param displayName how problems name the file
   * @param content the file's bytes, as loaded
   * @param rejected the rejections, each with a dotted key path from the root
   * @return the problems, to throw
   */
  public static EnvironmentException rejected(
      String displayName, byte[] content, List<InvalidPropException> rejected) {
    ProblemCollector parsing = new ProblemCollector(displayName);
    String text = content == null ? null : Utf8.decode(content, parsing);
    YamlDocument document = text == null ? null : YamlReader.read(text, parsing);
    Node root = document == null || document.isEmpty() ? null : document.root();
    ProblemCollector problems = new ProblemCollector(displayName);
    for (InvalidPropException invalid : rejected) {
      if (root == null) {
        problems.add(1, 1, invalid.key(), invalid.getMessage(), invalid.absentHint());
      } else {
        addAt(problems, root, invalid);
      }
    }
    return new EnvironmentException(problems.problems());
  }

  /**
   * A rejected value as a problem at its key path, with the hint for an absent key when the file
   * does not write it.
   */
  private static void addAt(ProblemCollector problems, Node root, InvalidPropException invalid) {
    Located at = locate(root, invalid.key());
    problems.add(
        at.mark(),
        invalid.key(),
        invalid.getMessage(),
        at.written() ? invalid.hint() : invalid.absentHint());
  }

  /**
   * Where a key path was written.
   *
   * @param mark the value when it is a scalar, otherwise its key; the nearest written ancestor's
   *     when the path is not written whole
   * @param written whether the file writes the whole path
   */
  private record Located(Mark mark, boolean written) {}

  /** The steps of a key path such as {@code services.web.ports[0].name}: keys, and list indexes. */
  private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");

  /**
   * Where a key path, such as {@code services.web.ports[0].name}, was written: the value when it is
   * a scalar, otherwise its key; the nearest written ancestor when the key is absent (its default
   * is what the check rejected).
   */
  private static Located locate(Node root, String path) {
    Mark mark = root.getStartMark();
    Node node = root;
    Matcher steps = STEP.matcher(path == null ? "" : path);
    while (steps.find()) {
      Node next = null;
      if (steps.group(1) != null && node instanceof MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode name
              && name.getValue().equals(steps.group(1))) {
            next = tuple.getValueNode();
            mark = next instanceof ScalarNode ? next.getStartMark() : name.getStartMark();
            break;
          }
        }
      } else if (steps.group(2) != null && node instanceof SequenceNode sequence) {
        int index = parseIndex(steps.group(2));
        if (index < sequence.getValue().size()) {
          next = sequence.getValue().get(index);
          mark = next.getStartMark();
        }
      }
      if (next == null) {
        return new Located(mark, false);
      }
      node = next;
    }
    return new Located(mark, true);
  }

  /** A list index of a key path; one too large to be an index of any file is past the end. */
  private static int parseIndex(String digits) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE;
    }
  }

  private Bound read(byte[] content, RecordShape shape, ProblemCollector problems) {
    if (content.length > Limits.MAX_FILE_BYTES) {
      Problem problem = tooLarge("", content.length);
      problems.add(1, 1, "", problem.message(), problem.hint());
      return Bound.NOTHING;
    }
    String text = Utf8.decode(content, problems);
    if (text == null) {
      return Bound.NOTHING;
    }
    YamlDocument document = YamlReader.read(text, problems);
    if (document == null) {
      return Bound.NOTHING;
    }
    if (document.isEmpty()) {
      problems.add(
          1, 1, "", "the file is empty; expected a mapping with keys: " + shape.keyList(), "");
      return Bound.NOTHING;
    }
    Object value =
        new Binder(problems, variables, document.aliases()).bindRoot(document.root(), shape);
    return new Bound(value, document.root());
  }

  private static Problem tooLarge(String name, long size) {
    return new Problem(
        name,
        1,
        1,
        "",
        "the file is too large: "
            + size
            + " bytes, the limit is "
            + Limits.MAX_FILE_BYTES
            + " bytes (1 MiB)",
        "check that this is the right file");
  }

  private static EnvironmentException fileProblem(String name, String message, String hint) {
    return new EnvironmentException(List.of(new Problem(name, 1, 1, "", message, hint)));
  }
}
