package io.stackwright.render.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackwright.stack.Stack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link ComposeRenderer} makes of a stack: its files, and the Compose file read back.
 *
 * @param files path inside {@code dist/<env>/} to file content
 * @param compose the Compose file, parsed
 */
record RenderedCompose(Map<String, String> files, JsonNode compose) {
  private static final YAMLMapper YAML = new YAMLMapper();

  /** {@return the Compose output of {@code stack}} */
  static RenderedCompose of(Stack stack) {
    Map<String, String> files = new ComposeRenderer().render(stack.toModel());
    try {
      return new RenderedCompose(files, YAML.readTree(files.get(ComposeRenderer.COMPOSE_FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return the Compose file's text} */
  String text() {
    return files.get(ComposeRenderer.COMPOSE_FILE);
  }

  /** {@return the Compose service {@code name}; a missing node when there is none} */
  JsonNode service(String name) {
    return compose.path("services").path(name);
  }

  /** {@return the texts of a list node, in order} */
  static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.asText()));
    return out;
  }
}
