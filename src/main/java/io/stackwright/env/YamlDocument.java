package io.stackwright.env;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The composed node graph of a file.
 *
 * @param root the document's root node, {@code null} when the file holds no document
 * @param aliases where aliased values were written
 */
record YamlDocument(Node root, AliasMarks aliases) {

  /** True for no document at all and for a document without content (a bare {@code ---}). */
  boolean isEmpty() {
    return root == null
        || (root instanceof ScalarNode scalar
            && Tag.NULL.equals(scalar.getTag())
            && scalar.getValue().isEmpty());
  }
}
