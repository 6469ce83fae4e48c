package io.stackwright.env;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Knows which child slots of the node graph were written as aliases, and where.
 *
 * <p>The composer resolves an alias to the very node object that carries the anchor, so the graph
 * alone only knows the anchor's position. The composer builds the graph depth-first in document
 * order and reuses a node exactly where an alias event occurred; walking the graph in the same
 * order and meeting a node already seen therefore meets the aliases in the order the parser emitted
 * them.
 */
final class AliasMarks {

  private final Map<Node, Map<Integer, Mark>> slots = new IdentityHashMap<>();

  private AliasMarks() {}

  /**
   * Pairs the alias slots of the graph under {@code root} with the marks of the alias events.
   *
   * @param aliasMarks the marks of all alias events, in the order the parser emitted them
   */
  static AliasMarks of(Node root, List<Mark> aliasMarks) {
    AliasMarks marks = new AliasMarks();
    if (root != null && !aliasMarks.isEmpty()) {
      Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
      seen.add(root);
      marks.walk(root, seen, aliasMarks.iterator());
    }
    return marks;
  }

  /** The alias mark of the key of entry {@code index}, or {@code null} if written in place. */
  Mark key(MappingNode mapping, int index) {
    return slot(mapping, 2 * index);
  }

  /** The alias mark of the value of entry {@code index}, or {@code null} if written in place. */
  Mark value(MappingNode mapping, int index) {
    return slot(mapping, 2 * index + 1);
  }

  /** The alias mark of list item {@code index}, or {@code null} if written in place. */
  Mark item(SequenceNode sequence, int index) {
    return slot(sequence, index);
  }

  private Mark slot(Node parent, int slot) {
    Map<Integer, Mark> bySlot = slots.get(parent);
    return bySlot == null ? null : bySlot.get(slot);
  }

  // Recursion depth is bounded by the composer's nesting limit.
  private void walk(Node node, Set<Node> seen, Iterator<Mark> aliases) {
    if (node instanceof MappingNode mapping) {
      List<NodeTuple> tuples = mapping.getValue();
      for (int i = 0; i < tuples.size(); i++) {
        visit(node, 2 * i, tuples.get(i).getKeyNode(), seen, aliases);
        visit(node, 2 * i + 1, tuples.get(i).getValueNode(), seen, aliases);
      }
    } else if (node instanceof SequenceNode sequence) {
      List<Node> items = sequence.getValue();
      for (int i = 0; i < items.size(); i++) {
        visit(node, i, items.get(i), seen, aliases);
      }
    }
  }

  private void visit(Node parent, int slot, Node child, Set<Node> seen, Iterator<Mark> aliases) {
    if (seen.add(child)) {
      walk(child, seen, aliases);
    } else if (aliases.hasNext()) {
      slots.computeIfAbsent(parent, p -> new HashMap<>()).put(slot, aliases.next());
    }
  }
}
