package io.stackwright.render.enrich;

import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.DevSecrets;
import io.stackwright.render.compose.ComposeFile;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.render.k8s.PlainObjects;
import io.stackwright.render.k8s.PodVolumes;
import io.stackwright.render.k8s.StackParts;
import io.stackwright.render.k8s.WorkloadParts;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdk8s.plus33.k8s.KubeSecretProps;

/**
 * A secret reaches a container only as a file, {@code /run/secrets/<name>} on both targets, never
 * as a value in the output: a development environment gets generated values marked as such; every
 * other environment refers to Secrets, and files, that exist outside the repository.
 *
 * <p>Kubernetes: one key of a Secret mounted as that single file; a development environment gets
 * the Secrets themselves, in {@value KubernetesRenderer#DEV_SECRETS_FILE}, one per Secret name with
 * every key any service reads from it. Compose: one of the file's top-level {@code secrets}
 * mounted; in development the marked value is written beside the Compose file, elsewhere Compose
 * reads it from a file named by a variable of the shell that runs it, and {@code .env.example}
 * lists those variables.
 *
 * <p>Twin: rule {@code no-literal-secrets}, which checks that outside development no secret value
 * is written into {@code dist/}. Without this default a service gets no secret at all, which the
 * rule cannot tell from a service that reads none; what it checks is this default's one switch:
 * what a development environment is given fails the rule anywhere else.
 */
final class Secrets implements Enricher {
  private static final String DEV_SECRET_MARK = "stackwright.io/development-value";

  private static final PlainObjects.ApiKind SECRET = new PlainObjects.ApiKind("v1", "Secret");

  @Override
  public String rule() {
    return "no-literal-secrets";
  }

  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {
    service.secrets().forEach(secret -> out.secret(secret.name()));
  }

  /** Nothing: a prober reads no secret. */
  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {}

  @Override
  public void enrichComposeFile(StackModel stack, ComposeFile.Builder file) {
    for (SecretFile secret : read(stack)) {
      file.secret(secret.name(), new ComposeFile.Secret(source(stack, secret)));
    }
  }

  /** The development secrets or, elsewhere, the {@code .env.example} that names their files. */
  @Override
  public Map<String, String> composeFiles(StackModel stack) {
    Map<String, String> files = new TreeMap<>();
    if (stack.development()) {
      read(stack)
          .forEach(secret -> files.put("compose/" + secretPath(secret), DevSecrets.value(secret)));
    } else if (!read(stack).isEmpty()) {
      files.put("compose/.env.example", envExample(stack));
    }
    return files;
  }

  /** The secrets the Compose services read; scheduled jobs have no Compose form, so only those. */
  private static Set<SecretFile> read(StackModel stack) {
    Set<SecretFile> read = new TreeSet<>(Comparator.comparing(SecretFile::name));
    stack.services().forEach(service -> read.addAll(service.secrets()));
    return read;
  }

  private static String source(StackModel stack, SecretFile secret) {
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

  private static String envExample(StackModel stack) {
    StringBuilder out =
        new StringBuilder(
            "# Variables this Compose file needs. Export them, or copy this file outside the"
                + " repository, fill it in and pass it with\n# docker compose --env-file <file> -f"
                + " compose.yaml up. Never put files into dist/: every synth replaces it.\n"
                + "# Paths are best absolute.\n");
    for (SecretFile secret : read(stack)) {
      out.append("# Path of a file holding ")
          .append(secret.name())
          .append(" (Kubernetes: Secret ")
          .append(secret.secretName())
          .append(", key ")
          .append(secret.key())
          .append("). Keep the file outside the repository, readable by user ")
          .append(readers(stack, secret))
          .append(" (Compose mounts it as it is: chmod 0444, or chown it).\n")
          .append(variable(secret))
          .append("=\n");
    }
    return out.toString();
  }

  /** The users of the services that read {@code secret}, such as {@code 999 and 10001}. */
  private static String readers(StackModel stack, SecretFile secret) {
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

  /**
   * Adds the Secrets of a development environment, with marked values: one per Secret name, holding
   * every key any service or job reads from it.
   */
  @Override
  public void enrichStack(StackModel stack, StackParts out) {
    if (!stack.development()) {
      return;
    }
    Map<String, Map<String, String>> data = new TreeMap<>();
    for (SecretFile file : stack.secrets()) {
      data.computeIfAbsent(file.secretName(), name -> new TreeMap<>())
          .put(file.key(), DevSecrets.value(file));
    }
    PlainObjects plain = out.file(KubernetesRenderer.DEV_SECRETS_FILE);
    data.forEach(
        (name, values) ->
            plain.add(
                SECRET,
                KubeSecretProps.builder()
                    .metadata(
                        plain.metadata(
                            name,
                            Map.of(
                                DEV_SECRET_MARK,
                                "generated for development: not a secret, never use it elsewhere")))
                    // As cdk8s-plus writes a Secret: mutable, said so.
                    .immutable(false)
                    .stringData(values)
                    .build()));
  }

  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    service.secrets().forEach(file -> mount(out, file));
  }

  @Override
  public void enrichJob(StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {
    job.secrets().forEach(file -> mount(out, file));
  }

  /**
   * A single file at the same path as Compose's {@code /run/secrets/<name>}, rather than a
   * directory, readable by the pod's group alone.
   */
  private static void mount(WorkloadParts workload, SecretFile file) {
    workload.mountFile(
        file.path(),
        PodVolumes.secretFile("secret-" + file.name(), file.secretName(), file.key(), file.name()),
        file.name());
  }
}
