package io.stackwright.env;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Binds a node graph onto a {@link RecordShape}, recording a problem for every mismatch and going
 * on with the siblings, so that one pass finds everything. A value with problems anywhere below it
 * is never handed to a constructor: its parent gets {@link #INVALID} and skips construction too.
 */
final class Binder {

  /** Stands for "this value had problems", which {@code null} cannot: null means "key absent". */
  private static final Object INVALID = new Object();

  /**
   * What a node without a tag would be, to tell a tag that changes the meaning from one that does
   * not.
   */
  private static final Resolver IMPLICIT = new Resolver();

  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final ProblemCollector problems;
  private final Variables variables;
  private final AliasMarks aliases;
  private final Set<Node> onPath = Collections.newSetFromMap(new IdentityHashMap<>());
  private int bound;

  /** A key of a mapping that survived the key checks, with where its key and value are. */
  private record Entry(String key, Slot keySlot, Slot valueSlot) {}

  Binder(ProblemCollector problems, Variables variables, AliasMarks aliases) {
    this.problems = problems;
    this.variables = variables;
    this.aliases = aliases;
  }

  /**
   * Binds the document root.
   *
   * @return the record, or {@code null} if any problem was recorded for it
   * @throws LoadingStopped when a limit is hit; the reason has been recorded
   */
  Object bindRoot(Node root, RecordShape shape) {
    Object value = bind(Slot.root(root), shape, "the document", "");
    return value == INVALID ? null : value;
  }

  private Object bind(Slot slot, Shape shape, String name, String nullHint) {
    if (++bound > Limits.MAX_BOUND_VALUES) {
      report(
          slot,
          "the file expands to more than " + Limits.MAX_BOUND_VALUES + " values through aliases",
          "use fewer aliases of large lists or mappings");
      throw new LoadingStopped();
    }
    Node node = slot.node();
    if (NodeDescriptions.isNull(node)) {
      report(slot, name + " has no value", nullHint);
      return INVALID;
    }
    String tag = meaningfulTag(node);
    if (tag != null) {
      report(
          slot,
          "the YAML tag "
              + tag
              + " would make this value mean something else than it reads, and tags are not"
              + " supported",
          "remove the tag; quote a value to make it text");
      return INVALID;
    }
    // An alias inside its own anchor makes a cycle that a recursive record type would follow.
    if (!onPath.add(node)) {
      report(
          slot,
          "this value contains itself through an alias",
          "replace the alias with a copy of the value");
      return INVALID;
    }
    try {
      if (shape instanceof ScalarType scalar) {
        return bindScalar(slot, scalar);
      }
      if (shape instanceof ListShape list) {
        return bindList(slot, list);
      }
      if (shape instanceof MapShape map) {
        return bindMap(slot, map);
      }
      return bindRecord(slot, (RecordShape) shape);
    } finally {
      onPath.remove(node);
    }
  }

  private Object bindScalar(Slot slot, ScalarType type) {
    if (!(slot.node() instanceof ScalarNode scalar)) {
      return mismatch(slot, type);
    }
    Variables.Substitution substitution = variables.substitute(scalar.getValue());
    if (!substitution.missing().isEmpty()) {
      substitution.missing().forEach((variable, message) -> reportMissing(slot, variable, message));
      return INVALID;
    }
    try {
      return type.convert(new ScalarText(substitution.text(), scalar.isPlain()));
    } catch (RejectedValue e) {
      report(slot, e.getMessage(), e.hint());
      return INVALID;
    }
  }

  /**
   * A variable that is not set; or a reference that cannot name a variable at all, such as the
   * lookup {@code ${script:javascript:...}}, which no shell can export.
   */
  private void reportMissing(Slot slot, String variable, String message) {
    if (!VARIABLE_NAME.matcher(variable).matches()) {
      report(
          slot,
          "${"
              + variable
              + "} is not a variable: a name is letters, digits and '_', not starting"
              + " with a digit, and lookups such as ${env:...} or ${script:...} are not supported",
          "write ${NAME} or ${NAME:-default}, or $${...} to keep the text as it is");
      return;
    }
    report(
        slot,
        "variable ${"
            + variable
            + "} is not set (or is empty)"
            + (message.isEmpty() ? "" : ": " + message),
        "export " + variable + "=... or write ${" + variable + ":-default}");
  }

  private Object bindList(Slot slot, ListShape shape) {
    if (!(slot.node() instanceof SequenceNode sequence)) {
      return mismatch(slot, shape);
    }
    List<Node> items = sequence.getValue();
    List<Object> values = new ArrayList<>(items.size());
    boolean valid = true;
    for (int i = 0; i < items.size(); i++) {
      Slot item = slot.child(items.get(i), slot.item(i), aliases.item(sequence, i));
      Object value =
          bind(item, shape.element(), "the list item", "give it a value or remove the item");
      if (value == INVALID) {
        valid = false;
      } else {
        values.add(value);
      }
    }
    return valid ? List.copyOf(values) : INVALID;
  }

  private Object bindMap(Slot slot, MapShape shape) {
    if (!(slot.node() instanceof MappingNode mapping)) {
      return mismatch(slot, shape);
    }
    int before = problems.count();
    Map<String, Entry> entries = entries(slot, mapping);
    boolean valid = problems.count() == before;
    String nullHint =
        shape.value() == ScalarTypes.STRING
            ? "give it a value, or write \"\" for an empty string"
            : "give it a value or remove the entry";
    Map<String, Object> values = new LinkedHashMap<>();
    for (Entry entry : entries.values()) {
      Object value = bind(entry.valueSlot(), shape.value(), quoted(entry.key()), nullHint);
      if (value == INVALID) {
        valid = false;
      } else {
        values.put(entry.key(), value);
      }
    }
    return valid ? Collections.unmodifiableMap(new LinkedHashMap<>(values)) : INVALID;
  }

  private Object bindRecord(Slot slot, RecordShape shape) {
    if (!(slot.node() instanceof MappingNode mapping)) {
      return mismatch(slot, shape);
    }
    int before = problems.count();
    Map<String, Entry> entries = entries(slot, mapping);
    for (Entry entry : entries.values()) {
      if (shape.component(entry.key()).isEmpty()) {
        report(
            entry.keySlot(),
            "unknown key " + quoted(entry.key()),
            Suggestions.hint(entry.key(), shape.keys(), "Valid keys here"));
      }
    }
    boolean keysValid = problems.count() == before;
    List<RecordShape.Component> components = shape.components();
    Object[] arguments = new Object[components.size()];
    boolean complete = true;
    for (int i = 0; i < components.size(); i++) {
      RecordShape.Component component = components.get(i);
      Entry entry = entries.get(component.name());
      if (entry == null) {
        if (component.primitive()) {
          report(
              slot,
              "missing required key " + quoted(component.name()),
              "add " + quoted(component.name() + ": ...") + " to this mapping");
          complete = false;
        }
        continue;
      }
      String nullHint =
          component.primitive()
              ? "give it a value"
              : "give it a value or remove the key to use the default";
      Object value = bind(entry.valueSlot(), component.shape(), quoted(component.name()), nullHint);
      if (value == INVALID) {
        complete = false;
      } else {
        arguments[i] = value;
      }
    }
    if (!complete) {
      return INVALID;
    }
    // Unknown and duplicate keys leave well-defined arguments, so the constructor's own checks can
    // still report in this pass; the result is discarded all the same.
    Object record = construct(slot, shape, arguments, entries);
    return keysValid ? record : INVALID;
  }

  private Object construct(
      Slot slot, RecordShape shape, Object[] arguments, Map<String, Entry> entries) {
    try {
      return shape.constructor().newInstance(arguments);
    } catch (InvocationTargetException e) {
      reportRejection(slot, e.getCause(), entries);
      return INVALID;
    } catch (InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException("cannot construct " + shape.type().getName(), e);
    }
  }

  private void reportRejection(Slot slot, Throwable cause, Map<String, Entry> entries) {
    if (cause instanceof InvalidPropException invalid) {
      Entry entry = invalid.key() == null ? null : entries.get(invalid.key());
      if (entry == null) {
        String path = invalid.key() == null ? slot.path() : slot.key(invalid.key());
        problems.add(slot.mark(), path, invalid.getMessage(), invalid.hint());
      } else {
        // A scalar is the rejected value itself; a collection starts on a later line than its key.
        Slot at =
            entry.valueSlot().node() instanceof ScalarNode ? entry.valueSlot() : entry.keySlot();
        problems.add(at.mark(), entry.valueSlot().path(), invalid.getMessage(), invalid.hint());
      }
    } else if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
      String message =
          cause.getMessage() != null ? cause.getMessage() : "a required value is missing";
      report(slot, message, "");
    } else if (cause instanceof RuntimeException runtime) {
      throw runtime;
    } else if (cause instanceof Error error) {
      throw error;
    } else {
      throw new IllegalStateException("constructor failed", cause);
    }
  }

  /** Checks the keys of a mapping; duplicates keep their first occurrence. */
  private Map<String, Entry> entries(Slot slot, MappingNode mapping) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<NodeTuple> tuples = mapping.getValue();
    for (int i = 0; i < tuples.size(); i++) {
      Node keyNode = tuples.get(i).getKeyNode();
      if (!(keyNode instanceof ScalarNode scalarKey)) {
        report(
            slot.child(keyNode, slot.path(), aliases.key(mapping, i)),
            "expected a key name, got " + NodeDescriptions.describe(keyNode),
            "keys are plain names");
        continue;
      }
      String key = scalarKey.getValue();
      Slot keySlot = slot.child(keyNode, slot.key(key), aliases.key(mapping, i));
      if (Tag.MERGE.equals(keyNode.getTag())) {
        report(keySlot, "merge keys (<<) are not supported", "write the keys out");
        continue;
      }
      String tag = meaningfulTag(keyNode);
      if (tag != null) {
        report(keySlot, "the YAML tag " + tag + " on a key is not supported", "remove the tag");
        continue;
      }
      Entry first = entries.get(key);
      if (first != null) {
        report(
            keySlot,
            "duplicate key "
                + quoted(key)
                + " (first at line "
                + (first.keySlot().mark().getLine() + 1)
                + ")",
            "remove one of them");
        continue;
      }
      Node valueNode = tuples.get(i).getValueNode();
      Slot valueSlot = slot.child(valueNode, slot.key(key), aliases.value(mapping, i));
      entries.put(key, new Entry(key, keySlot, valueSlot));
    }
    return entries;
  }

  /**
   * The node's tag as written ({@code !!binary}, {@code !foo}), when it differs from the tag the
   * node would have without it; {@code null} when it has none, or one that changes nothing ({@code
   * !!str text}, {@code !!int 3}). The binder reads values by their text, so a tag that changes the
   * meaning ({@code !!str 3}, {@code !!binary aGk=}) would be silently dropped.
   */
  private static String meaningfulTag(Node node) {
    Tag implicit =
        switch (node.getNodeId()) {
          case scalar ->
              IMPLICIT.resolve(
                  NodeId.scalar, ((ScalarNode) node).getValue(), ((ScalarNode) node).isPlain());
          case sequence -> Tag.SEQ;
          case mapping -> Tag.MAP;
          default -> node.getTag();
        };
    if (node.getTag().equals(implicit)) {
      return null;
    }
    String value = node.getTag().getValue();
    return value.startsWith(Tag.PREFIX) ? "!!" + value.substring(Tag.PREFIX.length()) : value;
  }

  private Object mismatch(Slot slot, Shape shape) {
    String got = NodeDescriptions.describe(slot.node());
    report(slot, "expected " + shape.expected() + ", got " + got, "write " + shape.expected());
    return INVALID;
  }

  private void report(Slot slot, String message, String hint) {
    problems.add(slot.mark(), slot.path(), message, hint);
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
