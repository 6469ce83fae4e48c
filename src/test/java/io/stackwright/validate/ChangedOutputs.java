package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Rendered outputs changed by hand, as a patch or a renderer's bug would change them. */
final class ChangedOutputs {
  private ChangedOutputs() {}

  /** The output with one text of its Compose file replaced, which must occur exactly once. */
  static SynthOutput withCompose(SynthOutput output, String from, String to) {
    String compose = output.text(ComposeRenderer.COMPOSE_FILE);
    assertThat(compose.indexOf(from)).as("occurs").isNotNegative();
    assertThat(compose.indexOf(from)).as("occurs once").isEqualTo(compose.lastIndexOf(from));
    SynthOutput copy =
        new SynthOutput(output.environment(), output.kubernetesObjects(), output.composeServices());
    for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
      copy.add(
          file.getKey(),
          file.getKey().equals(ComposeRenderer.COMPOSE_FILE)
              ? compose.replace(from, to)
              : new String(file.getValue(), StandardCharsets.UTF_8));
    }
    return copy;
  }
}
