package io.stackwright.render.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stackwright.model.Patch;
import io.stackwright.output.Yaml;
import java.util.List;

/**
 * Writes a {@link ComposeFile} in the one YAML style of {@code dist/} ({@link Yaml}), after the
 * stack's Compose patches. A patch is given a service as a JSON tree, as it is given a Kubernetes
 * object, so each service is turned into its tree here, by Jackson from its record: each of its
 * patches then changes it, and every {@code $} in it is doubled last, so that Compose writes what
 * the service and its patches say instead of interpolating it. The top-level sections are written
 * as their records say, interpolation included: a secret's file may be a variable of the shell.
 */
final class ComposeYaml {
  /** Turns the typed records into trees; the YAML writer sorts their keys. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private ComposeYaml() {}

  /**
   * The Compose file's text.
   *
   * @param file the Compose file
   * @param patches the stack's patches; those of Compose services are applied
   * @return the YAML
   * @throws IllegalArgumentException when a patch fails, or matches no service
   */
  static String write(ComposeFile file, List<Patch> patches) {
    ObjectNode services = MAPPER.createObjectNode();
    file.services()
        .forEach((name, service) -> services.set(name, literal(patched(name, service, patches))));
    Patch.requireMatched(
        patches,
        true,
        patches.stream()
            .filter(patch -> patch.compose() && file.services().containsKey(patch.name()))
            .map(Patch::ref)
            .toList());
    ObjectNode document = MAPPER.valueToTree(file);
    // The services as patched and made literal, in place of the records' own tree.
    document.set("services", services);
    return Yaml.write(document);
  }

  /** The tree of the service {@code name}, changed by each of its patches in turn. */
  private static ObjectNode patched(String name, ComposeService service, List<Patch> patches) {
    ObjectNode written = MAPPER.valueToTree(service);
    for (Patch patch : patches) {
      if (patch.compose() && patch.name().equals(name)) {
        written = patch.applyTo(written);
      }
    }
    return written;
  }

  /**
   * {@code node} with every {@code $} doubled: Compose interpolates {@code $VAR} and {@code ${VAR}}
   * from the shell that runs it, so a command such as {@code sh -c '... "$password"'} would
   * otherwise lose its variables, or fail to load.
   */
  private static JsonNode literal(JsonNode node) {
    if (node instanceof ObjectNode object) {
      ObjectNode out = MAPPER.createObjectNode();
      object.fields().forEachRemaining(field -> out.set(field.getKey(), literal(field.getValue())));
      return out;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode out = MAPPER.createArrayNode();
      array.forEach(item -> out.add(literal(item)));
      return out;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(node.textValue().replace("$", "$$"));
    }
    return node;
  }
}
