package io.stackwright.config;

import java.util.ArrayList;
import java.util.List;

/** A block of nginx directives, rendered with two spaces of indentation per level. */
final class NginxBlock {
  /** One level of indentation. */
  static final String INDENT = "  ";

  private final String header;
  private final List<Object> items = new ArrayList<>();

  NginxBlock(String header) {
    this.header = header;
  }

  /** Adds a directive, or a comment. */
  void line(String directive) {
    items.add(directive);
  }

  /** Adds a blank line. */
  void blank() {
    items.add("");
  }

  /** Adds a block and returns it. */
  NginxBlock block(String blockHeader) {
    NginxBlock child = new NginxBlock(blockHeader);
    items.add(child);
    return child;
  }

  /** Appends the block at {@code indent}. */
  void render(StringBuilder out, String indent) {
    out.append(indent).append(header).append(" {\n");
    // A trailing blank line inside a block is noise.
    int end = items.size();
    while (end > 0 && "".equals(items.get(end - 1))) {
      end--;
    }
    for (Object item : items.subList(0, end)) {
      if (item instanceof NginxBlock child) {
        child.render(out, indent + INDENT);
      } else if (((String) item).isEmpty()) {
        out.append('\n');
      } else {
        out.append(indent).append(INDENT).append(item).append('\n');
      }
    }
    out.append(indent).append("}\n");
  }
}
