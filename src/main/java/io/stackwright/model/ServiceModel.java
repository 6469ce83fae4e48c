package io.stackwright.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Everything both renderers need to know about one service, and nothing specific to either: the one
 * description from which the Kubernetes objects and the Compose service are derived.
 *
 * <p>Build with {@link #builder(String)}.
 *
 * @param name service name: a DNS label, used for the Kubernetes objects and the Compose service
 * @param component value of {@code app.kubernetes.io/component} ({@code api}, {@code database})
 * @param image container image
 * @param kind how Kubernetes runs it
 * @param replicas desired replicas on Kubernetes (Compose runs one)
 * @param ports ports it listens on, the first one being its main port
 * @param env environment variables, sorted by name
 * @param secrets secrets it reads from files, sorted by name
 * @param writablePaths paths that must be writable although the root filesystem is read-only
 *     (Kubernetes {@code emptyDir}, Compose {@code tmpfs}), sorted
 * @param data persistent data, or {@code null}
 * @param readiness when it may receive traffic (and, for Compose, when dependents may start)
 * @param liveness when it must be restarted
 * @param startupSeconds how long it may take to start before liveness applies
 * @param resources requests and limits
 * @param security how the container is confined, on both targets
 * @param dependsOn services it connects to, sorted: Compose starts it after they are healthy
 * @param command replaces the image's entrypoint, or empty for the image's own
 * @param args arguments to the entrypoint, or empty for the image's own
 * @param configFiles generated configuration files, sorted by name
 * @param metrics where Prometheus scrapes it, or {@code null} when it exposes no metrics
 * @param autoscaling Kubernetes autoscaling, or {@code null} for a fixed replica count
 * @param exposure how it is reached from outside the stack, or {@code null} when it is not
 * @param apiAccess Kubernetes API access it needs; empty for none (no token is mounted)
 * @param jobs scheduled tasks (Kubernetes CronJobs), sorted by name
 * @param composeProfile Compose only: the profile that must be enabled for it to start, or {@code
 *     null} to start by default
 * @param inMemory writable paths kept in memory on Kubernetes too (an {@code emptyDir} of medium
 *     {@code Memory} of this size; Compose's {@code tmpfs} always is), because what is written
 *     there must not reach the node's disk
 * @param kubernetes whether it is rendered for Kubernetes at all (false for development tools that
 *     only make sense beside a Compose stack)
 * @param composeHealthCheck how Compose tests its readiness: in its own container, or from a prober
 *     beside it ({@link ComposeHealthCheck})
 */
public record ServiceModel(
    String name,
    String component,
    ImageRef image,
    WorkloadKind kind,
    int replicas,
    List<ServicePort> ports,
    Map<String, EnvValue> env,
    List<SecretFile> secrets,
    List<String> writablePaths,
    PersistentData data,
    Probe readiness,
    Probe liveness,
    int startupSeconds,
    Resources resources,
    ContainerSecurity security,
    List<String> dependsOn,
    List<String> command,
    List<String> args,
    List<ConfigFile> configFiles,
    Metrics metrics,
    Autoscaling autoscaling,
    Exposure exposure,
    List<ApiAccess> apiAccess,
    List<ScheduledJob> jobs,
    String composeProfile,
    Map<String, Memory> inMemory,
    boolean kubernetes,
    ComposeHealthCheck composeHealthCheck) {

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z_][A-Z0-9_]*");

  /**
   * Checks every rule that does not depend on other services; copies collections immutably.
   *
   * @param name see {@link #name()}
   * @param component see {@link #component()}
   * @param image see {@link #image()}
   * @param kind see {@link #kind()}
   * @param replicas see {@link #replicas()}
   * @param ports see {@link #ports()}
   * @param env see {@link #env()}
   * @param secrets see {@link #secrets()}
   * @param writablePaths see {@link #writablePaths()}
   * @param data see {@link #data()}
   * @param readiness see {@link #readiness()}
   * @param liveness see {@link #liveness()}
   * @param startupSeconds see {@link #startupSeconds()}
   * @param resources see {@link #resources()}
   * @param security see {@link #security()}
   * @param dependsOn see {@link #dependsOn()}
   * @param command see {@link #command()}
   * @param args see {@link #args()}
   * @param configFiles see {@link #configFiles()}
   * @param metrics see {@link #metrics()}
   * @param autoscaling see {@link #autoscaling()}
   * @param exposure see {@link #exposure()}
   * @param apiAccess see {@link #apiAccess()}
   * @param jobs see {@link #jobs()}
   * @param composeProfile see {@link #composeProfile()}
   * @param inMemory see {@link #inMemory()}
   * @param kubernetes see {@link #kubernetes()}
   * @param composeHealthCheck see {@link #composeHealthCheck()}
   */
  public ServiceModel {
    if (!Names.isDnsLabel(name)) {
      throw new IllegalArgumentException("service name \"" + name + "\" must be a DNS label");
    }
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(readiness, name + ": readiness probe");
    Objects.requireNonNull(liveness, name + ": liveness probe");
    Objects.requireNonNull(resources, name + ": resources");
    if (replicas < 1) {
      throw new IllegalArgumentException(name + ": replicas must be at least 1");
    }
    if (kind == WorkloadKind.STATEFUL_SET && data == null) {
      throw new IllegalArgumentException(name + ": a StatefulSet needs persistent data");
    }
    if (ports.isEmpty()) {
      throw new IllegalArgumentException(name + ": a service needs at least one port");
    }
    Objects.requireNonNull(security, name + ": security");
    if (startupSeconds < readiness.periodSeconds()) {
      throw new IllegalArgumentException(
          name + ": startupSeconds must cover at least one readiness period");
    }
    ports = List.copyOf(ports);
    env.keySet().stream()
        .filter(k -> !ENV_NAME.matcher(k).matches())
        .findFirst()
        .ifPresent(
            k -> {
              throw new IllegalArgumentException(
                  name + ": environment variable name \"" + k + "\" must be UPPER_SNAKE_CASE");
            });
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    List<SecretFile> sortedSecrets = new ArrayList<>(secrets);
    sortedSecrets.sort((a, b) -> a.name().compareTo(b.name()));
    secrets = List.copyOf(sortedSecrets);
    writablePaths = List.copyOf(new TreeSet<>(writablePaths));
    dependsOn = List.copyOf(new TreeSet<>(dependsOn));
    if (dependsOn.contains(name)) {
      throw new IllegalArgumentException(name + ": a service cannot depend on itself");
    }
    command = List.copyOf(command);
    args = List.copyOf(args);
    inMemory = Collections.unmodifiableMap(new TreeMap<>(inMemory));
    for (String path : inMemory.keySet()) {
      if (!writablePaths.contains(path)) {
        throw new IllegalArgumentException(name + ": " + path + " is in memory but not writable");
      }
    }
    configFiles = sortedUnique(name, "config file", configFiles, ConfigFile::name);
    jobs = sortedUnique(name, "job", jobs, ScheduledJob::name);
    apiAccess = List.copyOf(apiAccess);
    if (metrics != null && ports.stream().noneMatch(p -> p.name().equals(metrics.portName()))) {
      throw new IllegalArgumentException(
          name + ": metrics port " + metrics.portName() + " is not one of its ports");
    }
    if (autoscaling != null && replicas != autoscaling.minReplicas()) {
      throw new IllegalArgumentException(
          name + ": replicas must equal the autoscaling minimum when autoscaling");
    }
    if (autoscaling != null && kind != WorkloadKind.DEPLOYMENT) {
      throw new IllegalArgumentException(name + ": only a Deployment autoscales");
    }
    if (composeProfile != null && !Names.isDnsLabel(composeProfile)) {
      throw new IllegalArgumentException(name + ": profile must be a DNS label");
    }
    Objects.requireNonNull(composeHealthCheck, name + ": composeHealthCheck");
    if (composeHealthCheck instanceof ComposeHealthCheck.Prober) {
      if (!(readiness.check() instanceof Probe.HttpGet)) {
        throw new IllegalArgumentException(
            name
                + ": a Compose prober tests an HTTP readiness probe, but its readiness probe runs "
                + ((Probe.Exec) readiness.check()).command()
                + " in the container; use an HTTP probe, or the default"
                + " ComposeHealthCheck.IN_CONTAINER, which runs the same command in Compose");
      }
      String prober = name + ComposeHealthCheck.PROBER_SUFFIX;
      if (!Names.isDnsLabel(prober)) {
        throw new IllegalArgumentException(
            name
                + ": its Compose prober would be named "
                + prober
                + ", which is longer than a DNS label (63 characters); shorten the service's name");
      }
    }
  }

  /**
   * {@return the name of the Compose service that tests its readiness from beside it, {@code
   * <name>-ready}, or {@code null} when its health check runs in its own container}
   */
  public String composeProber() {
    return composeHealthCheck instanceof ComposeHealthCheck.Prober
        ? name + ComposeHealthCheck.PROBER_SUFFIX
        : null;
  }

  private static <T> List<T> sortedUnique(
      String service, String what, List<T> items, Function<T, String> key) {
    Map<String, T> byKey = new TreeMap<>();
    for (T item : items) {
      if (byKey.put(key.apply(item), item) != null) {
        throw new IllegalArgumentException(
            service + ": two " + what + "s are named " + key.apply(item));
      }
    }
    return List.copyOf(byKey.values());
  }

  /** {@return whether Kubernetes runs more than one replica of it at some time} */
  public boolean replicated() {
    return replicas > 1 || (autoscaling != null && autoscaling.maxReplicas() > 1);
  }

  /**
   * The port of that name.
   *
   * @param portName the port's name
   * @return the port
   * @throws IllegalArgumentException when it has no port of that name
   */
  public ServicePort port(String portName) {
    return ports.stream()
        .filter(p -> p.name().equals(portName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " has no port " + portName));
  }

  /** {@return the port Compose publishes the main port on, or {@code null} when none} */
  public Integer hostPort() {
    return exposure == null ? null : exposure.hostPort();
  }

  /** {@return the main port: the first one declared} */
  public ServicePort mainPort() {
    return ports.get(0);
  }

  /**
   * A builder with the secure defaults; see each setter.
   *
   * @param name the service's name, a DNS label
   * @return a builder for that service
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link ServiceModel}; required: component, image, port, probes, resources. */
  public static final class Builder {
    private final String name;
    private String component;
    private ImageRef image;
    private WorkloadKind kind = WorkloadKind.DEPLOYMENT;
    private int replicas = 1;
    private final List<ServicePort> ports = new ArrayList<>();
    private final Map<String, EnvValue> env = new TreeMap<>();
    private final List<SecretFile> secrets = new ArrayList<>();
    private final List<String> writablePaths = new ArrayList<>();
    private PersistentData data;
    private Probe readiness;
    private Probe liveness;
    private int startupSeconds = 30;
    private Resources resources;
    private ContainerSecurity security = ContainerSecurity.DEFAULT;
    private final List<String> dependsOn = new ArrayList<>();
    private final List<String> command = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final List<ConfigFile> configFiles = new ArrayList<>();
    private Metrics metrics;
    private Autoscaling autoscaling;
    private Integer hostPort;
    private Exposure.Ingress ingress;
    private final List<ApiAccess> apiAccess = new ArrayList<>();
    private final List<ScheduledJob> jobs = new ArrayList<>();
    private String composeProfile;
    private final Map<String, Memory> inMemory = new TreeMap<>();
    private boolean kubernetes = true;
    private ComposeHealthCheck composeHealthCheck = ComposeHealthCheck.IN_CONTAINER;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets {@code app.kubernetes.io/component}. Required.
     *
     * @param component the label's value, such as {@code api}
     * @return this builder
     */
    public Builder component(String component) {
      this.component = component;
      return this;
    }

    /**
     * Sets the image. Required.
     *
     * @param image the container image
     * @return this builder
     */
    public Builder image(ImageRef image) {
      this.image = image;
      return this;
    }

    /**
     * Runs it as a StatefulSet with this data. Default: a Deployment without persistent data.
     *
     * @param data the volume and where it is mounted
     * @return this builder
     */
    public Builder statefulWith(PersistentData data) {
      this.kind = WorkloadKind.STATEFUL_SET;
      this.data = data;
      return this;
    }

    /**
     * Desired Kubernetes replicas. Default: 1.
     *
     * @param replicas at least 1
     * @return this builder
     */
    public Builder replicas(int replicas) {
      this.replicas = replicas;
      return this;
    }

    /**
     * Adds a port; the first one added is the main port. At least one is required.
     *
     * @param portName the port's name
     * @param port the container port
     * @return this builder
     */
    public Builder port(String portName, int port) {
      ports.add(new ServicePort(portName, port));
      return this;
    }

    /**
     * Sets an environment variable. Default: none.
     *
     * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
     * @param value its value, resolved per target
     * @return this builder
     * @throws IllegalArgumentException when the variable is already set
     */
    public Builder env(String key, EnvValue value) {
      if (env.put(key, value) != null) {
        throw new IllegalArgumentException(name + ": environment variable " + key + " set twice");
      }
      return this;
    }

    /**
     * Sets an environment variable to a literal. Default: none.
     *
     * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
     * @param value its value
     * @return this builder
     */
    public Builder env(String key, String value) {
      return env(key, EnvValue.of(value));
    }

    /**
     * Mounts a secret file and points {@code fileVariable} at its path. Default: none.
     *
     * @param secret the secret
     * @param fileVariable the environment variable that holds the file's path
     * @return this builder
     */
    public Builder secret(SecretFile secret, String fileVariable) {
      secrets.add(secret);
      return env(fileVariable, secret.path());
    }

    /**
     * Adds a writable scratch path. Default: none, apart from those a service adds.
     *
     * @param path an absolute path in the container
     * @return this builder
     */
    public Builder writable(String path) {
      writablePaths.add(path);
      return this;
    }

    /**
     * Adds a writable scratch path held in memory on both targets, for what must not reach a disk
     * (such as a file made from a secret). Its size counts against the memory limit.
     *
     * @param path an absolute path in the container
     * @param size the most it may hold
     * @return this builder
     */
    public Builder writableInMemory(String path, Memory size) {
      writablePaths.add(path);
      inMemory.put(path, size);
      return this;
    }

    /**
     * Sets the readiness probe. Required.
     *
     * @param readiness the probe
     * @return this builder
     */
    public Builder readiness(Probe readiness) {
      this.readiness = readiness;
      return this;
    }

    /**
     * Sets the liveness probe. Required.
     *
     * @param liveness the probe
     * @return this builder
     */
    public Builder liveness(Probe liveness) {
      this.liveness = liveness;
      return this;
    }

    /**
     * Grace period for start-up before liveness applies: the readiness check, repeated until it
     * passes or this many seconds have gone. Default: 30.
     *
     * @param startupSeconds at least one readiness period
     * @return this builder
     */
    public Builder startupSeconds(int startupSeconds) {
      this.startupSeconds = startupSeconds;
      return this;
    }

    /**
     * Sets requests and limits. Required.
     *
     * @param resources requests and limits
     * @return this builder
     */
    public Builder resources(Resources resources) {
      this.resources = resources;
      return this;
    }

    /**
     * Numeric user and group. Default: {@link ContainerSecurity#DEFAULT}, 10001:10001.
     *
     * @param user the numeric user id
     * @param group the numeric group id
     * @return this builder
     */
    public Builder runAs(long user, long group) {
      this.security = new ContainerSecurity(user, group, security.writableRootReason());
      return this;
    }

    /**
     * Loosens the default: the container's root filesystem is writable, for this stated reason,
     * which is written beside the setting on both targets. Default: read-only.
     *
     * @param reason why the image needs it
     * @return this builder
     */
    public Builder writableRootFilesystem(String reason) {
      this.security = new ContainerSecurity(security.runAsUser(), security.runAsGroup(), reason);
      return this;
    }

    /**
     * Declares that this service connects to another. Default: none.
     *
     * @param service the other service's name
     * @return this builder
     */
    public Builder dependsOn(String service) {
      dependsOn.add(service);
      return this;
    }

    /**
     * Compose only: publish the main port on 127.0.0.1. Default: not published.
     *
     * @param hostPort the host port, or {@code null} for none
     * @return this builder
     */
    public Builder hostPort(Integer hostPort) {
      this.hostPort = hostPort;
      return this;
    }

    /**
     * Kubernetes: an Ingress to the main port. Default: none.
     *
     * @param ingress the Ingress, or {@code null} for none
     * @return this builder
     */
    public Builder ingress(Exposure.Ingress ingress) {
      this.ingress = ingress;
      return this;
    }

    /**
     * Replaces the image's entrypoint. Default: the image's.
     *
     * @param command the executable and its arguments
     * @return this builder
     */
    public Builder command(List<String> command) {
      this.command.addAll(command);
      return this;
    }

    /**
     * Arguments to the entrypoint. Default: the image's.
     *
     * @param args the arguments
     * @return this builder
     */
    public Builder args(List<String> args) {
      this.args.addAll(args);
      return this;
    }

    /**
     * Mounts a generated configuration file. Default: none.
     *
     * @param file the file
     * @return this builder
     */
    public Builder config(ConfigFile file) {
      configFiles.add(file);
      return this;
    }

    /**
     * Declares Prometheus metrics. Default: none.
     *
     * @param metrics the port and path Prometheus scrapes
     * @return this builder
     */
    public Builder metrics(Metrics metrics) {
      this.metrics = metrics;
      return this;
    }

    /**
     * Scales on Kubernetes between the bounds; also sets {@link #replicas} to the minimum. Default:
     * a fixed count.
     *
     * @param autoscaling the bounds and CPU target, or {@code null} for a fixed count
     * @return this builder
     */
    public Builder autoscaling(Autoscaling autoscaling) {
      this.autoscaling = autoscaling;
      if (autoscaling != null) {
        this.replicas = autoscaling.minReplicas();
      }
      return this;
    }

    /**
     * Grants access to the Kubernetes API in its namespace. Default: none, and no token.
     *
     * @param access the API groups, resources and verbs
     * @return this builder
     */
    public Builder apiAccess(ApiAccess access) {
      apiAccess.add(access);
      return this;
    }

    /**
     * Adds a scheduled task. Default: none.
     *
     * @param job the task
     * @return this builder
     */
    public Builder job(ScheduledJob job) {
      jobs.add(job);
      return this;
    }

    /**
     * Marks it as a development tool: Compose only, started only with this profile. Default: a
     * service of both targets that always starts.
     *
     * @param profile the Compose profile, a DNS label
     * @return this builder
     */
    public Builder composeOnly(String profile) {
      this.composeProfile = profile;
      this.kubernetes = false;
      return this;
    }

    /**
     * How Compose tests its readiness. Default: {@link ComposeHealthCheck#IN_CONTAINER}.
     *
     * @param composeHealthCheck in its own container, or from a prober beside it
     * @return this builder
     */
    public Builder composeHealthCheck(ComposeHealthCheck composeHealthCheck) {
      this.composeHealthCheck = composeHealthCheck;
      return this;
    }

    /** {@return the model, checked by its constructor} */
    public ServiceModel build() {
      return new ServiceModel(
          name,
          component,
          image,
          kind,
          replicas,
          ports,
          env,
          secrets,
          writablePaths,
          data,
          readiness,
          liveness,
          startupSeconds,
          resources,
          security,
          dependsOn,
          command,
          args,
          configFiles,
          metrics,
          autoscaling,
          hostPort == null && ingress == null ? null : new Exposure(hostPort, ingress),
          apiAccess,
          jobs,
          composeProfile,
          inMemory,
          kubernetes,
          composeHealthCheck);
    }
  }
}
