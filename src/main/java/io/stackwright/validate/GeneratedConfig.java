package io.stackwright.validate;

import io.stackwright.model.ConfigChecker;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.EnvValue;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A generated config file that a real program checks in the validation gate: one target's content
 * of a {@link ConfigFile} whose {@link ConfigFile#checker()} names a program.
 *
 * @param service the service that mounts it
 * @param checker the program that reads it
 * @param file where findings place it, relative to {@code dist/<env>/}: the Compose copy ({@code
 *     compose/config/<service>/<name>}), or the manifest file that holds the ConfigMap
 * @param object {@code ""} for a Compose copy, {@code ConfigMap/<service>-config} otherwise
 * @param field {@code ""} for a Compose copy, {@code data.<name>} otherwise
 * @param content the file's content
 * @param env the literal environment of the service that mounts it, for a checker that must run the
 *     file as the service would ({@code POSTGRES_DB}, {@code POSTGRES_USER}); empty for the others
 */
public record GeneratedConfig(
    String service,
    ConfigChecker checker,
    String file,
    String object,
    String field,
    String content,
    Map<String, String> env) {

  /**
   * Copies the environment.
   *
   * @param service see {@link #service()}
   * @param checker see {@link #checker()}
   * @param file see {@link #file()}
   * @param object see {@link #object()}
   * @param field see {@link #field()}
   * @param content see {@link #content()}
   * @param env see {@link #env()}
   */
  public GeneratedConfig {
    env = Map.copyOf(env);
  }

  /**
   * A file checked without its service's environment.
   *
   * @param service see {@link #service()}
   * @param checker see {@link #checker()}
   * @param file see {@link #file()}
   * @param object see {@link #object()}
   * @param field see {@link #field()}
   * @param content see {@link #content()}
   */
  public GeneratedConfig(
      String service,
      ConfigChecker checker,
      String file,
      String object,
      String field,
      String content) {
    this(service, checker, file, object, field, content, Map.of());
  }

  /**
   * Every checked config file of a stack: the Compose copy of each, and the Kubernetes one where
   * its content differs (Prometheus discovers its targets through the Kubernetes API but lists them
   * in Compose); a file the same on both targets is checked once.
   *
   * @param stack the stack
   * @return its checked files, service by service
   */
  public static List<GeneratedConfig> of(StackModel stack) {
    List<GeneratedConfig> configs = new ArrayList<>();
    for (ServiceModel service : stack.services()) {
      for (ConfigFile file : service.configFiles()) {
        if (file.checker() == ConfigChecker.NONE) {
          continue;
        }
        String compose = "compose/config/" + service.name() + "/" + file.name();
        configs.add(
            new GeneratedConfig(
                service.name(),
                file.checker(),
                compose,
                "",
                "",
                file.compose(),
                literalEnv(service)));
        if (service.kubernetes() && !file.kubernetes().equals(file.compose())) {
          configs.add(
              new GeneratedConfig(
                  service.name(),
                  file.checker(),
                  service.name() + ".yaml",
                  "ConfigMap/" + service.name() + "-config",
                  "data." + file.name(),
                  file.kubernetes()));
        }
      }
    }
    return List.copyOf(configs);
  }

  /** The service's variables whose values are literal: those a checker may run the file with. */
  private static Map<String, String> literalEnv(ServiceModel service) {
    Map<String, String> env = new TreeMap<>();
    service
        .env()
        .forEach(
            (name, value) -> {
              if (value instanceof EnvValue.Literal literal) {
                env.put(name, literal.value());
              }
            });
    return env;
  }

  /** A finding of this file's layer about this file. */
  Finding finding(Layer layer, String message) {
    return new Finding(layer, file, object, field, "", message);
  }
}
