package io.stackwright.render.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Compose file, as the Compose Specification names its top-level sections. A section with no
 * entry is left out.
 *
 * @param name the project's name
 * @param services the services, by name
 * @param configs the config files the services mount, by name
 * @param secrets the secret files the services mount, by name
 * @param networks the networks the services join, by name
 * @param volumes the named volumes, by name
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComposeFile(
    String name,
    Map<String, ComposeService> services,
    Map<String, Config> configs,
    Map<String, Secret> secrets,
    Map<String, Network> networks,
    Map<String, Volume> volumes) {

  /**
   * A config file read from beside the Compose file.
   *
   * @param file its path, relative to the Compose file
   */
  public record Config(String file) {}

  /**
   * A secret file: beside the Compose file (development), or named by a variable of the shell that
   * runs Compose.
   *
   * @param file its path, or a {@code ${VAR:?...}} interpolation that names it
   */
  public record Secret(String file) {}

  /**
   * A network; one without a way out is {@code internal}.
   *
   * @param internal {@code true} for no way out; {@code null} for Compose's default (a way out)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Network(Boolean internal) {}

  /** A named volume with Compose's defaults. */
  public record Volume() {}

  /** {@return a file named {@code name}, with nothing in it yet} */
  static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Collects the sections; every section is sorted when written. The methods that are public are
   * those the cross-cutting defaults ({@link ComposeEnricher}) add with.
   */
  public static final class Builder {
    private final String name;
    private final Map<String, ComposeService> services = new LinkedHashMap<>();
    private final Map<String, Config> configs = new TreeMap<>();
    private final Map<String, Secret> secrets = new TreeMap<>();
    private final Map<String, Network> networks = new TreeMap<>();
    private final Map<String, Volume> volumes = new TreeMap<>();

    private Builder(String name) {
      this.name = name;
    }

    Builder service(String name, ComposeService service) {
      services.put(name, service);
      return this;
    }

    /**
     * Adds a config file.
     *
     * @param name its name, as services mount it
     * @param config where it is read from
     * @return this builder
     */
    public Builder config(String name, Config config) {
      configs.put(name, config);
      return this;
    }

    /**
     * Adds a secret.
     *
     * @param name its name, as services mount it
     * @param secret where it is read from
     * @return this builder
     */
    public Builder secret(String name, Secret secret) {
      secrets.put(name, secret);
      return this;
    }

    /**
     * Adds a network.
     *
     * @param name its name, as services join it
     * @param network how it is made
     * @return this builder
     */
    public Builder network(String name, Network network) {
      networks.put(name, network);
      return this;
    }

    Builder volume(String name) {
      volumes.put(name, new Volume());
      return this;
    }

    ComposeFile build() {
      return new ComposeFile(
          name, copy(services), copy(configs), copy(secrets), copy(networks), copy(volumes));
    }

    /** An unmodifiable copy in the same order: services in the model's order, the rest sorted. */
    private static <T> Map<String, T> copy(Map<String, T> map) {
      return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
  }
}
