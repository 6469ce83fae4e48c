package io.stackwright.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import io.stackwright.synth.Synthesizer;
import io.stackwright.synth.ValidationException;
import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The "Environment file reference" of {@code docs/environment-files.md} lists exactly the keys the
 * props records bind, with their types, and the defaults the records apply: it is derived from the
 * records, so it cannot go stale. On a mismatch, the failure prints the key and type columns as the
 * records have them.
 */
class EnvironmentReferenceTest {

  /** One key of the reference. */
  private record Row(String key, String type, String defaultValue, boolean required) {}

  /** Values tried for a required key, so that a record can be built with its defaults. */
  private static final List<Object> SAMPLES =
      List.of(
          ImageRef.parse("ghcr.io/acme/app:1.0.0"),
          10,
          "probes",
          "Deployment/backend",
          "shop.example.com",
          "a reason");

  /** Where the reference is. */
  private static final String DOCUMENT = "docs/environment-files.md";

  @Test
  void theReferenceListsEveryKeyWithItsTypeAndDefault() throws IOException {
    List<Row> rows = new ArrayList<>();
    walk(ShopEnvironment.class, instance(ShopEnvironment.class), "", rows);
    String document = Files.readString(InstalledTools.PROJECT.resolve(DOCUMENT));
    String section = section(document, "## Environment file reference");
    Map<String, String[]> documented = new LinkedHashMap<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `")) {
        String[] cells =
            Arrays.stream(line.split("(?<!\\\\)\\|")).map(String::trim).toArray(String[]::new);
        documented.put(cells[1].replace("`", ""), cells);
      }
    }
    String expected =
        rows.stream()
            .map(
                r ->
                    "| `"
                        + r.key()
                        + "` | "
                        + r.type().replace("|", "\\|")
                        + " | "
                        + (r.required()
                            ? "required"
                            : r.defaultValue() == null ? "" : "`" + r.defaultValue() + "`")
                        + " |")
            .collect(Collectors.joining("\n"));

    assertThat(documented.keySet())
        .withFailMessage("the reference's keys differ from the records'; they are:\n%s", expected)
        .containsExactlyElementsOf(rows.stream().map(Row::key).toList());
    for (Row row : rows) {
      String[] cells = documented.get(row.key());
      assertThat(cells[2].replace("\\|", "|")).as("type of %s", row.key()).isEqualTo(row.type());
      if (row.required()) {
        assertThat(cells[3]).as("default of %s", row.key()).containsIgnoringCase("required");
      } else if (row.defaultValue() != null) {
        assertThat(cells[3])
            .as("default of %s", row.key())
            .contains("`" + row.defaultValue() + "`");
      }
    }
  }

  /**
   * Every example of the reference is a value the stack accepts at its key: set alone in a copy of
   * an environment file (development's or staging's, as the key allows), the file loads and its
   * stack is defined.
   */
  @Test
  void everyExampleIsAcceptedAtItsKey(@TempDir Path project) throws IOException {
    String document = Files.readString(InstalledTools.PROJECT.resolve(DOCUMENT));
    Files.createDirectories(project.resolve("environments"));
    Map<String, Object> examples = new LinkedHashMap<>();
    Set<String> required = new HashSet<>();
    for (String line : section(document, "## Environment file reference").split("\n")) {
      String[] cells =
          Arrays.stream(line.split("(?<!\\\\)\\|")).map(String::trim).toArray(String[]::new);
      if (!line.startsWith("| `") || cells.length < 5 || !cells[4].startsWith("`")) {
        continue;
      }
      String key = cells[1].replace("`", "");
      if (!key.contains("[]")) {
        examples.put(key, new Yaml().load(cells[4].substring(1, cells[4].length() - 1)));
        if (cells[3].equalsIgnoreCase("required")) {
          required.add(key);
        }
      }
    }
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, Object> example : examples.entrySet()) {
      // With the keys its section cannot do without, so that an example is judged on its own.
      Map<String, Object> values = new LinkedHashMap<>();
      String section = parent(example.getKey());
      required.stream()
          .filter(k -> !parent(k).isEmpty() && parent(k).equals(section))
          .forEach(k -> values.put(k, examples.get(k)));
      values.put(example.getKey(), example.getValue());
      List<String> problems = new ArrayList<>();
      for (String base : List.of("dev", "staging")) {
        problems.add(base + ": " + tryExample(project, base, values));
      }
      if (problems.stream().noneMatch(p -> p.endsWith(": accepted"))) {
        refused.add(values + " -> " + problems);
      }
    }

    assertThat(examples).as("examples tried").hasSizeGreaterThan(50);
    assertThat(refused).as("examples of %s the stack refuses", DOCUMENT).isEmpty();
  }

  private static String parent(String key) {
    return key.contains(".") ? key.substring(0, key.lastIndexOf('.')) : "";
  }

  @SuppressWarnings("unchecked")
  private static String tryExample(Path project, String base, Map<String, Object> values)
      throws IOException {
    Map<String, Object> file =
        new Yaml()
            .load(
                Files.readString(InstalledTools.PROJECT.resolve("environments/" + base + ".yaml")));
    for (Map.Entry<String, Object> value : values.entrySet()) {
      String[] path = value.getKey().split("\\.");
      Map<String, Object> node = file;
      for (int i = 0; i < path.length - 1; i++) {
        node = (Map<String, Object>) node.computeIfAbsent(path[i], k -> new LinkedHashMap<>());
      }
      node.put(path[path.length - 1], value.getValue());
    }
    try (var files = Files.list(project.resolve("environments"))) {
      for (Path old : files.toList()) {
        Files.delete(old);
      }
    }
    Files.writeString(project.resolve("environments/" + base + ".yaml"), new Yaml().dump(file));
    try {
      new Synthesizer<>(new ShopStack(), project, name -> null).environmentComparison();
      return "accepted";
    } catch (EnvironmentException | ValidationException e) {
      return e.getMessage().lines().findFirst().orElse("");
    }
  }

  private static String section(String document, String heading) {
    int start = document.indexOf("\n" + heading + "\n");
    assertThat(start).as("%s section %s", DOCUMENT, heading).isNotNegative();
    int end = document.indexOf("\n## ", start + 1);
    return document.substring(start, end < 0 ? document.length() : end);
  }

  private static void walk(Class<?> type, Object instance, String prefix, List<Row> rows) {
    Set<String> required = requiredKeys(type);
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + component.getName();
      Object value = instance == null ? null : get(component, instance);
      Class<?> raw = component.getType();
      Type generic = component.getGenericType();
      if (raw.isRecord() && !parsed(raw)) {
        rows.add(new Row(key, "section", null, required.contains(component.getName())));
        walk(raw, value != null ? value : instance(raw), key + ".", rows);
      } else if (raw == List.class && element(generic).isRecord()) {
        rows.add(new Row(key, "list of sections", null, false));
        walk(element(generic), null, key + "[].", rows);
      } else {
        rows.add(
            new Row(
                key,
                typeName(raw, generic),
                scalar(value),
                required.contains(component.getName())));
      }
    }
  }

  /** A value type written as one scalar, such as {@code 512Mi}: it has {@code parse(String)}. */
  private static boolean parsed(Class<?> type) {
    try {
      type.getMethod("parse", String.class);
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Class<?> element(Type generic) {
    Type argument = ((ParameterizedType) generic).getActualTypeArguments()[0];
    return (Class<?>) argument;
  }

  private static String typeName(Class<?> raw, Type generic) {
    if (raw == String.class) {
      return "string";
    }
    if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
      return "integer";
    }
    if (raw == Boolean.class || raw == boolean.class) {
      return "boolean";
    }
    if (raw == ImageRef.class) {
      return "image";
    }
    if (raw == Memory.class) {
      return "size";
    }
    if (raw == Cpu.class) {
      return "cpu";
    }
    if (raw.isEnum()) {
      return Arrays.stream(raw.getEnumConstants())
          .map(c -> "`" + yamlName((Enum<?>) c) + "`")
          .collect(Collectors.joining(" | "));
    }
    if (raw == List.class) {
      return "list of " + typeName(element(generic), null) + "s";
    }
    if (raw == Map.class) {
      return "map of strings";
    }
    throw new IllegalStateException("no reference type for " + raw);
  }

  private static String yamlName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static String scalar(Object value) {
    if (value instanceof Enum<?> constant) {
      return yamlName(constant);
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof ImageRef || value instanceof Memory || value instanceof Cpu) {
      return value.toString();
    }
    return null;
  }

  private static Object get(RecordComponent component, Object instance) {
    try {
      return component.getAccessor().invoke(instance);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The keys without which the record cannot be built. */
  private static Set<String> requiredKeys(Class<?> type) {
    Set<String> required = new HashSet<>();
    build(type, required);
    return required;
  }

  /** The record with every key at its default and each required one at a sample, or null. */
  private static Object instance(Class<?> type) {
    return build(type, new HashSet<>());
  }

  private static Object build(Class<?> type, Set<String> required) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
    }
    Map<String, Integer> tried = new LinkedHashMap<>();
    while (true) {
      try {
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        if (!(e.getCause() instanceof InvalidPropException invalid)) {
          return null;
        }
        int index = indexOf(components, invalid.key());
        if (index < 0) {
          return null;
        }
        required.add(invalid.key());
        int attempt = tried.merge(invalid.key(), 1, Integer::sum) - 1;
        Object sample = sample(types[index], attempt);
        if (sample == null) {
          return null;
        }
        args[index] = sample;
      } catch (IllegalArgumentException e) {
        // A key of a primitive type: the record has no all-default form.
        return null;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Object sample(Class<?> type, int attempt) {
    if (type.isRecord() && !parsed(type)) {
      return attempt == 0 ? instance(type) : null;
    }
    return SAMPLES.stream().filter(type::isInstance).skip(attempt).findFirst().orElse(null);
  }

  private static int indexOf(RecordComponent[] components, String name) {
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
