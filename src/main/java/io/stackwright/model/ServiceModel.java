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
 * <p>Made by {@link io.stackwright.services.GenericService.Builder}, the one way a service is
 * described (every flagship service is one); this constructor checks every rule that does not
 * depend on other services, and the stack's model ({@link StackModel}) the rest.
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
}
