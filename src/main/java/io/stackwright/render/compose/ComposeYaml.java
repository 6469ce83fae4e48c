package io.stackwright.render.compose;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stackwright.model.Patch;
import io.stackwright.output.Yaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link ComposeFile} in the one YAML style of {@code dist/} ({@link Yaml}), after the
 * stack's Compose patches. A patch is given a service as a map, as the stack's API promises, so
 * each service is turned into its map form here, by Jackson from its record: each of its patches
 * then changes it, and every {@code $} in it is doubled last, so that Compose writes what the
 * service and its patches say instead of interpolating it. The top-level sections are written as
 * their records say, interpolation included: a secret's file may be a variable of the shell.
 */
final class ComposeYaml {
  /** Turns the typed records into maps; the YAML writer sorts their keys. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

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
    Map<String, Object> services = new LinkedHashMap<>();
    file.services()
        .forEach((name, service) -> services.put(name, literal(patched(name, service, patches))));
    Patch.requireMatched(
        patches,
        true,
        patches.stream()
            .filter(patch -> patch.compose() && file.services().containsKey(patch.name()))
            .map(Patch::ref)
            .toList());
    Map<String, Object> document = MAPPER.convertValue(file, MAP);
    // The services as patched and made literal, in place of the records' own map form.
    document.put("services", services);
    return Yaml.write(document);
  }

  /** The map form of the service {@code name}, changed by each of its patches in turn. */
  private static Map<String, Object> patched(
      String name, ComposeService service, List<Patch> patches) {
    Map<String, Object> written = MAPPER.convertValue(service, MAP);
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
  private static Object literal(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((key, value) -> out.put(key, literal(value)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(ComposeYaml::literal).toList();
    }
    if (node instanceof String text) {
      return text.replace("$", "$$");
    }
    return node;
  }
}
