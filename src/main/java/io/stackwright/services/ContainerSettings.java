package io.stackwright.services;

import io.stackwright.model.ConfigChecker;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Probe;
import io.stackwright.model.SecretFile;
import java.util.List;

/**
 * The setters of {@link GenericService.Builder} that describe its container: the image and what it
 * runs, its environment, the files it is given, where it may write, its user and its probes. The
 * builder's other setters (ports, resources, scale, dependencies, exposure) are in it. Sealed: the
 * builder is its only kind, and each setter returns it, so the two read as one builder.
 */
abstract sealed class ContainerSettings permits GenericService.Builder {
  /** Seconds between two probes of {@link #httpProbe}. */
  private static final int PROBE_PERIOD = 10;

  final ServiceDraft draft;

  ContainerSettings(String name) {
    this.draft = new ServiceDraft(name);
  }

  private GenericService.Builder self() {
    return (GenericService.Builder) this;
  }

  /**
   * The image, such as {@code ghcr.io/acme/worker:1.0.0}. Required.
   *
   * @param image {@code [registry/]repository[:tag][@digest]}
   * @return this builder
   */
  public GenericService.Builder image(String image) {
    return image(ImageRef.parse(image));
  }

  /**
   * The image. Required.
   *
   * @param image the image
   * @return this builder
   */
  public GenericService.Builder image(ImageRef image) {
    draft.image = image;
    return self();
  }

  /**
   * Replaces the image's entrypoint. Default: the image's.
   *
   * @param command the executable and its arguments
   * @return this builder
   */
  public GenericService.Builder command(List<String> command) {
    draft.command.addAll(command);
    return self();
  }

  /**
   * Arguments to the entrypoint. Default: the image's.
   *
   * @param args the arguments
   * @return this builder
   */
  public GenericService.Builder args(List<String> args) {
    draft.args.addAll(args);
    return self();
  }

  /**
   * Sets an environment variable to a literal. Default: none.
   *
   * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
   * @param value its value
   * @return this builder
   * @throws IllegalArgumentException when the variable is already set
   */
  public GenericService.Builder env(String key, String value) {
    return env(key, EnvValue.of(value));
  }

  /**
   * Sets an environment variable to a value, such as {@link Postgres#database()}. Default: none.
   *
   * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
   * @param value its value, resolved per target
   * @return this builder
   * @throws IllegalArgumentException when the variable is already set
   */
  public GenericService.Builder env(String key, EnvValue value) {
    draft.env(key, value);
    return self();
  }

  /**
   * Sets an environment variable to the host of another service, resolved per target: its
   * Kubernetes Service DNS name, or its Compose service name. Default: none.
   *
   * @param key the variable's name
   * @param endpoint the other service's endpoint
   * @return this builder
   */
  public GenericService.Builder envHost(String key, Endpoint endpoint) {
    return env(key, endpoint.host());
  }

  /**
   * Sets an environment variable to the port of another service. Default: none.
   *
   * @param key the variable's name
   * @param endpoint the other service's endpoint
   * @return this builder
   */
  public GenericService.Builder envPort(String key, Endpoint endpoint) {
    return env(key, EnvValue.of(endpoint.port()));
  }

  /**
   * Mounts a secret as the file {@code /run/secrets/<secret.name()>} and points {@code
   * fileVariable} at it. A development environment gets a generated, marked value; every other
   * environment refers to a Secret that must exist outside the repository. Default: none.
   *
   * @param secret the secret
   * @param fileVariable the environment variable that holds the file's path, such as {@code
   *     DB_PASSWORD_FILE}
   * @return this builder
   */
  public GenericService.Builder secret(SecretFile secret, String fileVariable) {
    draft.secrets.add(secret);
    return env(fileVariable, secret.path());
  }

  /**
   * Mounts a generated file read-only, with the same content on both targets. Default: none.
   *
   * @param mountPath the file's absolute path in the container; its last segment names it
   * @param content the file's content
   * @return this builder
   */
  public GenericService.Builder config(String mountPath, String content) {
    draft.configFiles.add(ConfigFile.of(mountPath, content));
    return self();
  }

  /**
   * Mounts a generated file read-only whose content differs per target (such as an address that is
   * a Kubernetes DNS name in one and a Compose service name in the other). Default: none.
   *
   * @param mountPath the file's absolute path in the container; its last segment names it
   * @param kubernetesContent the content on Kubernetes
   * @param composeContent the content in Compose
   * @return this builder
   */
  public GenericService.Builder config(
      String mountPath, String kubernetesContent, String composeContent) {
    return config(mountPath, kubernetesContent, composeContent, ConfigChecker.NONE);
  }

  /**
   * Mounts a generated file read-only, the same on both targets, that the real program {@code
   * checker} reads in the validation gate as the image would (docs/validation.md). Default: none.
   *
   * @param mountPath the file's absolute path in the container; its last segment names it
   * @param content the file's content
   * @param checker the program that reads it in the validation gate
   * @return this builder
   */
  public GenericService.Builder config(String mountPath, String content, ConfigChecker checker) {
    return config(mountPath, content, content, checker);
  }

  /**
   * Mounts a generated file read-only whose content differs per target, each checked by the real
   * program {@code checker} in the validation gate. Default: none.
   *
   * @param mountPath the file's absolute path in the container; its last segment names it
   * @param kubernetesContent the content on Kubernetes
   * @param composeContent the content in Compose
   * @param checker the program that reads it in the validation gate
   * @return this builder
   */
  public GenericService.Builder config(
      String mountPath, String kubernetesContent, String composeContent, ConfigChecker checker) {
    String name = mountPath.substring(mountPath.lastIndexOf('/') + 1);
    draft.configFiles.add(
        new ConfigFile(name, mountPath, kubernetesContent, composeContent, checker));
    return self();
  }

  /**
   * Gives it a volume that outlives the container: a StatefulSet with a volume claim template on
   * Kubernetes, a named volume in Compose. Default: none, and a Deployment.
   *
   * @param volume the volume's name
   * @param mountPath where the container sees it
   * @param size its capacity on Kubernetes
   * @param storageClass the Kubernetes StorageClass, or {@code null} for the cluster's default
   * @return this builder
   */
  public GenericService.Builder volume(
      String volume, String mountPath, Memory size, String storageClass) {
    draft.data = new PersistentData(volume, mountPath, size, storageClass);
    return self();
  }

  /**
   * Adds a writable scratch path (the root filesystem is read-only): an {@code emptyDir} on
   * Kubernetes, a {@code tmpfs} in Compose. Default: none.
   *
   * @param path an absolute path in the container
   * @return this builder
   */
  public GenericService.Builder writable(String path) {
    draft.writablePaths.add(path);
    return self();
  }

  /**
   * Adds a writable scratch path held in memory on both targets, for what must not reach a disk
   * (such as a file made from a secret); its size counts against the memory limit. Default: none.
   *
   * @param path an absolute path in the container
   * @param size the most it may hold
   * @return this builder
   */
  public GenericService.Builder writableInMemory(String path, Memory size) {
    draft.writablePaths.add(path);
    draft.inMemory.put(path, size);
    return self();
  }

  /**
   * Numeric user and group the container runs as, never 0. Default: 10001:10001 ({@link
   * ContainerSecurity#DEFAULT}).
   *
   * @param user the numeric user id
   * @param group the numeric group id
   * @return this builder
   */
  public GenericService.Builder runAs(long user, long group) {
    draft.security = new ContainerSecurity(user, group, draft.security.writableRootReason());
    return self();
  }

  /**
   * Loosens the read-only root filesystem, for this stated reason, written beside the setting on
   * both targets. Default: read-only.
   *
   * @param reason why the image needs it
   * @return this builder
   */
  public GenericService.Builder writableRootFilesystem(String reason) {
    ContainerSecurity security = draft.security;
    draft.security = new ContainerSecurity(security.runAsUser(), security.runAsGroup(), reason);
    return self();
  }

  /**
   * Readiness and liveness: an HTTP GET of {@code path} on the named port, every 10 s, 3 s timeout,
   * 3 failures. Compose's health check tests the same with {@code wget}, which the image must
   * contain, unless {@link GenericService.Builder#composeHealthCheck} gives it a prober.
   *
   * @param path the path requested, starting with {@code /}
   * @param portName a port declared with {@link GenericService.Builder#port} before
   * @return this builder
   * @throws IllegalArgumentException when no port of that name was declared
   */
  public GenericService.Builder httpProbe(String path, String portName) {
    int port = draft.port(portName);
    return probe(new Probe(new Probe.HttpGet(path, port), PROBE_PERIOD, 3, 3));
  }

  /**
   * Readiness and liveness: the same probe. Required, unless {@link #readiness} and {@link
   * #liveness} are given apart.
   *
   * @param probe the probe
   * @return this builder
   */
  public GenericService.Builder probe(Probe probe) {
    draft.readiness = probe;
    draft.liveness = probe;
    return self();
  }

  /**
   * The readiness probe alone. Required (or {@link #probe} or {@link #httpProbe}).
   *
   * @param probe when it may receive traffic, and when Compose starts what depends on it
   * @return this builder
   */
  public GenericService.Builder readiness(Probe probe) {
    draft.readiness = probe;
    return self();
  }

  /**
   * The liveness probe alone. Required (or {@link #probe} or {@link #httpProbe}).
   *
   * @param probe when it must be restarted
   * @return this builder
   */
  public GenericService.Builder liveness(Probe probe) {
    draft.liveness = probe;
    return self();
  }

  /**
   * How long it may take to start before liveness applies, in seconds: the readiness check,
   * repeated until it passes or this many seconds have gone. Default: 30.
   *
   * @param seconds at least one readiness period
   * @return this builder
   */
  public GenericService.Builder startupSeconds(int seconds) {
    draft.startupSeconds = seconds;
    return self();
  }
}
