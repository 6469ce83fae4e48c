package io.stackwright.env;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A node together with where it is reported: its key path and its mark. Once a value is reached
 * through an alias, it and everything inside it are reported at the alias, because that is the line
 * that put the value where it fails.
 *
 * @param node the node to bind
 * @param path the dotted key path, {@code ""} for the root
 * @param mark where problems with this node are reported
 * @param aliased whether {@code mark} is an alias's mark that children inherit
 */
record Slot(Node node, String path, Mark mark, boolean aliased) {

  static Slot root(Node node) {
    return new Slot(node, "", node.getStartMark(), false);
  }

  /**
   * A child slot.
   *
   * @param aliasMark where the child was written as an alias, or {@code null}
   */
  Slot child(Node child, String childPath, Mark aliasMark) {
    if (aliased) {
      return new Slot(child, childPath, mark, true);
    }
    if (aliasMark != null) {
      return new Slot(child, childPath, aliasMark, true);
    }
    return new Slot(child, childPath, child.getStartMark(), false);
  }

  /** The path of entry {@code key} below this one. */
  String key(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The path of list item {@code index} below this one. */
  String item(int index) {
    return path + "[" + index + "]";
  }
}
