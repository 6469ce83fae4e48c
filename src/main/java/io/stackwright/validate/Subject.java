package io.stackwright.validate;

import io.stackwright.output.SynthOutput;
import java.util.List;
import java.util.Set;

/**
 * One environment's output, and what the gate needs to know about it.
 *
 * @param environment the environment's name
 * @param environmentFile its file as reports name it, e.g. {@code environments/prod.yaml}
 * @param development whether it is a development environment (see {@link
 *     io.stackwright.model.StackModel#development()})
 * @param externalSecrets the Secrets it refers to that must exist before its manifests are applied
 * @param waivers the waivers in its environment file
 * @param output its rendered files
 * @param configs its generated config files that real programs check (see {@link
 *     GeneratedConfig#of})
 */
public record Subject(
    String environment,
    String environmentFile,
    boolean development,
    Set<String> externalSecrets,
    List<Waiver> waivers,
    SynthOutput output,
    List<GeneratedConfig> configs) {

  /**
   * Copies the collections.
   *
   * @param environment see {@link #environment()}
   * @param environmentFile see {@link #environmentFile()}
   * @param development see {@link #development()}
   * @param externalSecrets see {@link #externalSecrets()}
   * @param waivers see {@link #waivers()}
   * @param output see {@link #output()}
   * @param configs see {@link #configs()}
   */
  public Subject {
    externalSecrets = Set.copyOf(externalSecrets);
    waivers = List.copyOf(waivers);
    configs = List.copyOf(configs);
  }

  /**
   * An environment without config files for real programs to check.
   *
   * @param environment see {@link #environment()}
   * @param environmentFile see {@link #environmentFile()}
   * @param development see {@link #development()}
   * @param externalSecrets see {@link #externalSecrets()}
   * @param waivers see {@link #waivers()}
   * @param output see {@link #output()}
   */
  public Subject(
      String environment,
      String environmentFile,
      boolean development,
      Set<String> externalSecrets,
      List<Waiver> waivers,
      SynthOutput output) {
    this(environment, environmentFile, development, externalSecrets, waivers, output, List.of());
  }
}
