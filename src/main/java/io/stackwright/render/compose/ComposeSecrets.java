package io.stackwright.render.compose;

import io.stackwright.model.ConfigFile;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.DevSecrets;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Mounts secrets and generated config files as files, never as values in the Compose file, which
 * rule {@code no-literal-secrets} checks. Secrets are files under {@code /run/secrets}: in a
 * development environment their marked values are written beside the Compose file; elsewhere
 * Compose reads them from files named by variables of the shell that runs it, listed in {@code
 * .env.example}, so no value is ever in {@code dist/}. Config files are written beside the Compose
 * file and mounted where the service reads them.
 */
final class ComposeSecrets implements ComposeEnricher {
  private final StackModel stack;

  ComposeSecrets(StackModel stack) {
    this.stack = stack;
  }

  @Override
  public String rule() {
    return "no-literal-secrets";
  }

  @Override
  public void enrich(ServiceModel service, ComposeService.Builder out) {
    service.secrets().forEach(secret -> out.secret(secret.name()));
    for (ConfigFile file : service.configFiles()) {
      out.config(new ComposeService.ConfigMount(configName(service, file), file.mountPath()));
    }
  }

  @Override
  public void enrichProber(ServiceModel service, ComposeService.Builder prober) {
    // A prober reads no secret and no config file.
  }

  @Override
  public void finish(ComposeFile.Builder file) {
    for (ServiceModel service : stack.services()) {
      for (ConfigFile config : service.configFiles()) {
        file.config(
            configName(service, config),
            new ComposeFile.Config("./" + configPath(service, config)));
      }
    }
    for (SecretFile secret : read()) {
      file.secret(secret.name(), new ComposeFile.Secret(source(secret)));
    }
  }

  /**
   * Each service's config files, and the development secrets or, elsewhere, the {@code
   * .env.example} that lists the variables naming them.
   */
  @Override
  public Map<String, String> files() {
    Map<String, String> files = new TreeMap<>();
    for (ServiceModel service : stack.services()) {
      for (ConfigFile file : service.configFiles()) {
        files.put("compose/" + configPath(service, file), file.compose());
      }
    }
    if (stack.development()) {
      read()
          .forEach(secret -> files.put("compose/" + secretPath(secret), DevSecrets.value(secret)));
    } else if (!read().isEmpty()) {
      files.put("compose/.env.example", envExample());
    }
    return files;
  }

  /** The secrets the services read; scheduled jobs have no Compose form, so only those. */
  private Set<SecretFile> read() {
    Set<SecretFile> read = new TreeSet<>(Comparator.comparing(SecretFile::name));
    stack.services().forEach(service -> read.addAll(service.secrets()));
    return read;
  }

  private String source(SecretFile secret) {
    if (stack.development()) {
      return "./" + secretPath(secret);
    }
    String variable = variable(secret);
    return "${"
        + variable
        + ":?set "
        + variable
        + " to the path of a file holding "
        + secret.name()
        + "}";
  }

  private String envExample() {
    StringBuilder out =
        new StringBuilder(
            "# Variables this Compose file needs. Export them, or copy this file outside the"
                + " repository, fill it in and pass it with\n# docker compose --env-file <file> -f"
                + " compose.yaml up. Never put files into dist/: every synth replaces it.\n"
                + "# Paths are best absolute.\n");
    for (SecretFile secret : read()) {
      out.append("# Path of a file holding ")
          .append(secret.name())
          .append(" (Kubernetes: Secret ")
          .append(secret.secretName())
          .append(", key ")
          .append(secret.key())
          .append("). Keep the file outside the repository, readable by user ")
          .append(readers(secret))
          .append(" (Compose mounts it as it is: chmod 0444, or chown it).\n")
          .append(variable(secret))
          .append("=\n");
    }
    return out.toString();
  }

  /** The users of the services that read {@code secret}, such as {@code 999 and 10001}. */
  private String readers(SecretFile secret) {
    SortedSet<Long> users = new TreeSet<>();
    for (ServiceModel service : stack.services()) {
      if (service.secrets().contains(secret)) {
        users.add(service.security().runAsUser());
      }
    }
    return String.join(" and ", users.stream().map(String::valueOf).toList());
  }

  /**
   * The variable that names the file {@code secret} is read from, such as {@code DB_PASSWORD_FILE}.
   */
  static String variable(SecretFile secret) {
    return secret.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_FILE";
  }

  private static String secretPath(SecretFile secret) {
    return "secrets/" + secret.name();
  }

  private static String configName(ServiceModel service, ConfigFile file) {
    return service.name() + "-" + file.name();
  }

  private static String configPath(ServiceModel service, ConfigFile file) {
    return "config/" + service.name() + "/" + file.name();
  }
}
