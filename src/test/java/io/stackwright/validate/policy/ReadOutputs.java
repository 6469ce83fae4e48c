package io.stackwright.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Rendered outputs read back from their files as the gate reads them (the YAML files at the top of
 * the output, the Compose file), optionally with one text of the Compose file replaced, as a patch
 * or a renderer's bug would change it.
 */
final class ReadOutputs {
  private ReadOutputs() {}

  /** The output as the rules read it, for an environment that is not a development one. */
  static PolicyInput read(SynthOutput output) {
    return read(output, output.text(ComposeRenderer.COMPOSE_FILE));
  }

  /** The same, with {@code from} in the Compose file, which must occur exactly once, replaced. */
  static PolicyInput withCompose(SynthOutput output, String from, String to) {
    String compose = output.text(ComposeRenderer.COMPOSE_FILE);
    assertThat(compose.indexOf(from)).as("occurs").isNotNegative();
    assertThat(compose.indexOf(from)).as("occurs once").isEqualTo(compose.lastIndexOf(from));
    return read(output, compose.replace(from, to));
  }

  @SuppressWarnings("unchecked")
  private static PolicyInput read(SynthOutput output, String compose) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<KubeObject> objects = new ArrayList<>();
    for (String file : output.files().keySet()) {
      if (!file.contains("/") && file.endsWith(".yaml")) {
        for (Object document : yaml.loadAll(output.text(file))) {
          if (document instanceof Map<?, ?> map) {
            objects.add(new KubeObject(file, (Map<String, Object>) map));
          }
        }
      }
    }
    return new PolicyInput(
        objects,
        ComposeRenderer.COMPOSE_FILE,
        (Map<String, Object>) yaml.load(compose),
        false,
        Set.of());
  }
}
