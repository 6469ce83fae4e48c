package io.stackwright.shop;

import io.stackwright.output.SynthOutput;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shop's environments rendered without the validation gate, from the project's environment
 * files and with no variables set, each once per test run: for the tests that read what the two
 * renderers made of them.
 */
public final class ShopOutputs {
  /** The project whose environment files are rendered. */
  public static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  private static final Map<String, SynthOutput> RENDERED = new ConcurrentHashMap<>();

  private ShopOutputs() {}

  /** {@return the names of the project's environments} */
  public static List<String> environments() {
    return new Environments(PROJECT).names();
  }

  /**
   * The environment's output, rendered on first use.
   *
   * @param environment its name, such as {@code prod}
   * @return its output, not checked by the gate
   */
  public static SynthOutput of(String environment) {
    return RENDERED.computeIfAbsent(environment, ShopOutputs::render);
  }

  private static SynthOutput render(String environment) {
    try {
      return new Synthesizer<>(new ShopStack(), PROJECT, name -> null)
          .renderWithoutGate(List.of(environment))
          .get(0);
    } catch (Exception e) {
      throw new IllegalStateException("the shop's " + environment + " does not render", e);
    }
  }
}
