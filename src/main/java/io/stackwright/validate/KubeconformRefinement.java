package io.stackwright.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The problems found so far in one object kubeconform found invalid, and the object with them taken
 * out. kubeconform names one problem of an invalid object, picked by Go's map order; {@link #step}
 * records it and takes it out (an unknown field removed; a value of the wrong type, outside its
 * enum or missing replaced by a valid one), so that checking the object again names the next, until
 * it passes or names a problem that cannot be taken out.
 */
final class KubeconformRefinement {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The leaf of kubeconform's message: the failing field and what is wrong with it. */
  private static final Pattern LEAF =
      Pattern.compile("jsonschema: '([^']*)' does not validate with \\S+: (.*)", Pattern.DOTALL);

  /** Fields the schema does not allow, which the message names rather than the path. */
  private static final Pattern UNKNOWN_FIELDS =
      Pattern.compile(
          "additionalProperties ('(?:[^'\\\\]|\\\\.)*'(?:, '(?:[^'\\\\]|\\\\.)*')*) not allowed");

  private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
  private static final Pattern TYPE =
      Pattern.compile("expected ([a-z]+(?: or [a-z]+)*), but got \\w+");
  private static final Pattern MISSING = Pattern.compile("missing properties: ('.*')");
  private static final Pattern ENUM =
      Pattern.compile("^value must be (?:one of )?\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String environment;
  private final String file;
  private final String object;
  private final JsonNode document;

  /** {@code field + "\n" + message} to message, sorted. */
  private final Map<String, String> problems = new TreeMap<>();

  /** The pointers of values put in by a refinement, whose own problems are not the object's. */
  private final List<String> replaced = new ArrayList<>();

  private boolean done;

  /**
   * @param environment the environment whose manifest holds the object
   * @param file the manifest, relative to the environment's folder
   * @param object the object, {@code Kind/name}
   * @param document the object as JSON, or {@code null} when it cannot be found alone in the file:
   *     its problem is then reported as kubeconform first names it
   */
  KubeconformRefinement(String environment, String file, String object, JsonNode document) {
    this.environment = environment;
    this.file = file;
    this.object = object;
    this.document = document;
  }

  /** {@return the environment whose manifest holds the object} */
  String environment() {
    return environment;
  }

  /** {@return the object with every problem found so far taken out} */
  JsonNode document() {
    return document;
  }

  /** {@return whether the object need not be checked again} */
  boolean isDone() {
    return done;
  }

  /** Checks the object no more. */
  void markDone() {
    done = true;
  }

  /** {@return every problem found, as findings sorted by field and message} */
  List<Finding> findings() {
    List<Finding> findings = new ArrayList<>();
    problems.forEach(
        (key, message) ->
            findings.add(
                new Finding(
                    Layer.KUBECONFORM,
                    file,
                    object,
                    key.substring(0, key.indexOf('\n')),
                    "",
                    message)));
    return findings;
  }

  /**
   * Records the problem kubeconform names in {@code resource} and takes it out of the document.
   *
   * @return whether the object should be checked again
   */
  boolean step(JsonNode resource) {
    Matcher leaf = LEAF.matcher(resource.path("msg").asText());
    if (!leaf.find()) {
      add("", resource.path("msg").asText());
      return false;
    }
    String pointer = leaf.group(1);
    String message = leaf.group(2).strip();
    boolean ours =
        replaced.stream().anyMatch(p -> pointer.equals(p) || pointer.startsWith(p + "/"));
    Matcher unknown = UNKNOWN_FIELDS.matcher(message);
    Matcher type = TYPE.matcher(message);
    Matcher missing = MISSING.matcher(message);
    Matcher oneOf = ENUM.matcher(message);
    if (unknown.matches()) {
      for (String name : names(unknown.group(1))) {
        if (!ours) {
          add(pointer + "/" + escape(name), unknownField(name));
        }
        if (!(node(pointer) instanceof ObjectNode parent) || parent.remove(name) == null) {
          return false;
        }
      }
      return document != null;
    }
    if (!ours) {
      add(pointer, message);
    } else if (!type.matches() && !missing.matches()) {
      stopped();
      return false;
    }
    if (type.matches()) {
      return replace(pointer, zero(type.group(1)));
    }
    if (missing.matches()) {
      for (String name : names(missing.group(1))) {
        String child = pointer + "/" + escape(name);
        if (!(node(pointer) instanceof ObjectNode parent)) {
          return false;
        }
        parent.putNull(name);
        replaced.add(child);
      }
      return true;
    }
    if (oneOf.find()) {
      return replace(pointer, NODES.textNode(oneOf.group(1)));
    }
    stopped();
    return false;
  }

  /** Notes that kubeconform may have more to say about the object than it was let say. */
  void stopped() {
    add("", "kubeconform may find more problems in this object once these are fixed");
  }

  private void add(String pointer, String message) {
    String field = field(pointer);
    problems.put(field + "\n" + message, message);
  }

  private boolean replace(String pointer, JsonNode value) {
    if (value == null || pointer.isEmpty()) {
      return false;
    }
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = node(pointer.substring(0, slash));
    String key = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode object) {
      object.set(key, value);
    } else if (parent instanceof ArrayNode array
        && key.chars().allMatch(Character::isDigit)
        && Integer.parseInt(key) < array.size()) {
      array.set(Integer.parseInt(key), value);
    } else {
      return false;
    }
    replaced.add(pointer);
    return true;
  }

  private JsonNode node(String pointer) {
    return document == null ? null : document.at(pointer.isEmpty() ? "" : pointer);
  }

  /** A valid value of the first type of {@code integer or null}, or {@code null}. */
  private static JsonNode zero(String types) {
    String type = types.split(" or ")[0];
    return switch (type) {
      case "integer", "number" -> NODES.numberNode(0);
      case "string" -> NODES.textNode("");
      case "boolean" -> NODES.booleanNode(false);
      case "object" -> NODES.objectNode();
      case "array" -> NODES.arrayNode();
      case "null" -> NODES.nullNode();
      default -> null;
    };
  }

  /** The names of {@code 'a', 'b'}, as jsonschema quotes them. */
  private static List<String> names(String quoted) {
    List<String> names = new ArrayList<>();
    Matcher name = QUOTED.matcher(quoted);
    while (name.find()) {
      names.add(name.group(1).replace("\\'", "'").replace("\\\\", "\\"));
    }
    return names;
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  private static String unknownField(String name) {
    return "unknown field "
        + name
        + " (not in the Kubernetes "
        + Tools.SCHEMA_SET
        + " schema); check its spelling and level";
  }

  /** {@code /spec/containers/0/ports} as {@code spec.containers[0].ports}. */
  private static String field(String pointer) {
    StringBuilder field = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) {
        continue;
      }
      String key = part.replace("~1", "/").replace("~0", "~");
      if (key.chars().allMatch(Character::isDigit)) {
        field.append('[').append(key).append(']');
      } else {
        field.append(field.length() == 0 ? "" : ".").append(key);
      }
    }
    return field.toString();
  }
}
