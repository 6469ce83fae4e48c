package io.stackwright.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one YAML style of everything written to {@code dist/}: keys sorted at every level, strings
 * quoted only where YAML would read them as something else, multi-line strings as literal blocks,
 * no line folding, LF line endings. Sorting makes the output independent of construction order, so
 * a change shows up in a review as the lines it changes and nothing else.
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
                  .build())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Yaml() {}

  /** One document. */
  public static String write(Object document) {
    try {
      return MAPPER.writeValueAsString(document).replace("\r\n", "\n");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Several documents, separated by {@code ---}. */
  public static String writeAll(List<?> documents) {
    StringBuilder out = new StringBuilder();
    for (Object document : documents) {
      out.append("---\n").append(write(document));
    }
    return out.toString();
  }
}
