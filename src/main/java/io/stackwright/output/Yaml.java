package io.stackwright.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one YAML style of everything written to {@code dist/}: keys sorted at every level, strings
 * quoted only where a YAML reader would take them for something else, multi-line strings as literal
 * blocks, no line folding, LF line endings. Sorting makes the output independent of construction
 * order, so a change shows up in a review as the lines it changes and nothing else.
 */
public final class Yaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                  .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                  .stringQuotingChecker(new StrictQuoting())
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          // The same order for JSON trees (such as the Kubernetes objects) as for maps.
          .configure(JsonNodeFeature.WRITE_PROPERTIES_SORTED, true);

  private Yaml() {}

  /**
   * One document.
   *
   * @param document maps, lists and scalars, or a JSON tree
   * @return the YAML
   */
  public static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document).replace("\r\n", "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Several documents, separated by {@code ---}.
   *
   * @param documents each of maps, lists and scalars, or a JSON tree
   * @return the YAML
   */
  public static String writeAll(List<?> documents) {
    StringBuilder out = new StringBuilder();
    for (Object document : documents) {
      out.append("---\n").append(write(document));
    }
    return out.toString();
  }

  /**
   * Quotes every string that some YAML reader would resolve to another type: Jackson's own check
   * misses {@code 0x1f}, {@code 1e3} or {@code 1:20}, which YAML 1.1 readers (kubectl's among them)
   * take for numbers, {@code 0o17}, an octal in YAML 1.2, and {@code 0X1F}, which Go's YAML readers
   * take for a number. A Secret named {@code 1e3} must stay a string.
   */
  private static final class StrictQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Resolver YAML_1_1 = new Resolver();
    // YAML 1.2's octal and infinity, and the upper-case radix prefixes Go's YAML readers (kubectl,
    // Compose) accept as numbers although SnakeYAML does not.
    private static final Pattern OTHER_READERS_NUMBERS =
        Pattern.compile("[-+]?(0[xXbBoO][0-9a-fA-F_]+|\\.(inf|Inf|INF))");

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value)
          || !YAML_1_1.resolve(NodeId.scalar, value, true).equals(Tag.STR)
          || OTHER_READERS_NUMBERS.matcher(value).matches();
    }
  }
}
