package io.stackwright.services;

import io.stackwright.model.ApiAccess;
import io.stackwright.model.Autoscaling;
import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.Exposure;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Metrics;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Any container image as a service of the stack: a worker, a vector database, Grafana, an admin UI.
 * The six flagship services are built with it too, so a service is described one way only, and
 * every one gets the same cross-cutting defaults: the container hardening of {@link
 * io.stackwright.model.ContainerSecurity}, a network policy and a Compose network along every
 * {@link Builder#dependsOn dependency}, Prometheus scraping of its {@link Builder#metrics metrics},
 * a Compose health check from its readiness probe, and a Compose start order that waits for its
 * dependencies to be healthy.
 *
 * <pre>{@code
 * GenericService worker =
 *     GenericService.builder("worker")
 *         .image("ghcr.io/acme/worker:1.0.0")
 *         .port("metrics", 9100)
 *         .metrics("metrics", "/metrics")
 *         .httpProbe("/healthz", "metrics")
 *         .envHost("DB_HOST", postgres.endpoint())
 *         .dependsOn(postgres.endpoint())
 *         .addTo(stack);
 * }</pre>
 */
public final class GenericService {

  /** Default requests and limits: cpu 100m (limit 200m), memory 128Mi (limit 128Mi). */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(128));

  private final ServiceModel model;

  private GenericService(ServiceModel model) {
    this.model = model;
  }

  /**
   * Starts describing a service.
   *
   * @param name the service's name, a DNS label: the name of its Kubernetes objects and its Compose
   *     service
   * @return a builder with every default, to which the image, ports and probes are still to be
   *     given
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@return the service's name} */
  public String name() {
    return model.name();
  }

  /** {@return where clients connect to its main port (the first one declared)} */
  public Endpoint endpoint() {
    return new Endpoint(model.name(), model.mainPort().port());
  }

  /**
   * Where clients connect to one of its ports.
   *
   * @param portName the port's name
   * @return the service's host and that port
   * @throws IllegalArgumentException when it has no such port
   */
  public Endpoint endpoint(String portName) {
    return new Endpoint(model.name(), model.port(portName).port());
  }

  /**
   * Describes a {@link GenericService}. Required: an image, at least one port and a readiness and
   * liveness probe (one {@link #httpProbe} or {@link #probe} sets both). Everything else has a
   * secure default, given with each setter.
   */
  public static final class Builder {
    private final ServiceModel.Builder model;
    private final List<ServicePortName> ports = new ArrayList<>();
    private boolean resourcesSet;
    private boolean componentSet;
    private ImageRef image;
    private ContainerSecurity security = ContainerSecurity.DEFAULT;
    private final List<ScheduledTask> tasks = new ArrayList<>();
    private Record props;
    private UnaryOperator<String> keys;

    private record ServicePortName(String name, int port) {}

    private Builder(String name) {
      this.model = ServiceModel.builder(name);
    }

    /**
     * The image, such as {@code ghcr.io/acme/worker:1.0.0}. Required.
     *
     * @param image {@code [registry/]repository[:tag][@digest]}
     * @return this builder
     */
    public Builder image(String image) {
      return image(ImageRef.parse(image));
    }

    /**
     * The image. Required.
     *
     * @param image the image
     * @return this builder
     */
    public Builder image(ImageRef image) {
      this.image = image;
      model.image(image);
      return this;
    }

    /**
     * Its {@code app.kubernetes.io/component} label. Default: {@code app}.
     *
     * @param component the label's value, such as {@code worker}
     * @return this builder
     */
    public Builder component(String component) {
      model.component(component);
      componentSet = true;
      return this;
    }

    /**
     * Adds a port the container listens on; the first one is its main port, which an exposure
     * publishes. At least one is required.
     *
     * @param name the port's name, by which probes, metrics and {@link
     *     GenericService#endpoint(String)} refer to it
     * @param port the container port
     * @return this builder
     */
    public Builder port(String name, int port) {
      model.port(name, port);
      ports.add(new ServicePortName(name, port));
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
      model.env(key, value);
      return this;
    }

    /**
     * Sets an environment variable to a value, such as {@link Postgres#database()}. Default: none.
     *
     * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
     * @param value its value, resolved per target
     * @return this builder
     */
    public Builder env(String key, EnvValue value) {
      model.env(key, value);
      return this;
    }

    /**
     * Sets an environment variable to the host of another service, resolved per target: its
     * Kubernetes Service DNS name, or its Compose service name. Default: none.
     *
     * @param key the variable's name
     * @param endpoint the other service's endpoint
     * @return this builder
     */
    public Builder envHost(String key, Endpoint endpoint) {
      model.env(key, endpoint.host());
      return this;
    }

    /**
     * Sets an environment variable to the port of another service. Default: none.
     *
     * @param key the variable's name
     * @param endpoint the other service's endpoint
     * @return this builder
     */
    public Builder envPort(String key, Endpoint endpoint) {
      model.env(key, EnvValue.of(endpoint.port()));
      return this;
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
    public Builder secret(SecretFile secret, String fileVariable) {
      model.secret(secret, fileVariable);
      return this;
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
    public Builder volume(String volume, String mountPath, Memory size, String storageClass) {
      model.statefulWith(new PersistentData(volume, mountPath, size, storageClass));
      return this;
    }

    /**
     * Adds a writable scratch path (the root filesystem is read-only). Default: none.
     *
     * @param path an absolute path in the container
     * @return this builder
     */
    public Builder writable(String path) {
      model.writable(path);
      return this;
    }

    /**
     * Adds a writable scratch path held in memory on both targets, for what must not reach a disk
     * (such as a file made from a secret); its size counts against the memory limit. Default: none.
     *
     * @param path an absolute path in the container
     * @param size the most it may hold
     * @return this builder
     */
    public Builder writableInMemory(String path, Memory size) {
      model.writableInMemory(path, size);
      return this;
    }

    /** Kubernetes API access in its namespace, for the flagship services of this package. */
    Builder apiAccess(ApiAccess access) {
      model.apiAccess(access);
      return this;
    }

    /** A scheduled task (a Kubernetes CronJob), for the flagship services of this package. */
    Builder job(ScheduledJob job) {
      model.job(job);
      return this;
    }

    /**
     * Mounts a generated file read-only, with the same content on both targets. Default: none.
     *
     * @param mountPath the file's absolute path in the container; its last segment names it
     * @param content the file's content
     * @return this builder
     */
    public Builder config(String mountPath, String content) {
      model.config(ConfigFile.of(mountPath, content));
      return this;
    }

    /**
     * Mounts a generated file read-only whose content differs per target (such as an address that
     * is a Kubernetes DNS name in one and a Compose service name in the other). Default: none.
     *
     * @param mountPath the file's absolute path in the container; its last segment names it
     * @param kubernetesContent the content on Kubernetes
     * @param composeContent the content in Compose
     * @return this builder
     */
    public Builder config(String mountPath, String kubernetesContent, String composeContent) {
      return config(mountPath, kubernetesContent, composeContent, ConfigChecker.NONE);
    }

    /**
     * Mounts a generated file read-only, the same on both targets, that the real program {@code
     * checker} reads in the validation gate as the image would (README, "Validation"). Default:
     * none.
     *
     * @param mountPath the file's absolute path in the container; its last segment names it
     * @param content the file's content
     * @param checker the program that reads it in the validation gate
     * @return this builder
     */
    public Builder config(String mountPath, String content, ConfigChecker checker) {
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
    public Builder config(
        String mountPath, String kubernetesContent, String composeContent, ConfigChecker checker) {
      String name = mountPath.substring(mountPath.lastIndexOf('/') + 1);
      model.config(new ConfigFile(name, mountPath, kubernetesContent, composeContent, checker));
      return this;
    }

    /**
     * Readiness and liveness: an HTTP GET of {@code path} on the named port, every 10 s, 3 s
     * timeout, 3 failures. Compose's health check tests the same with {@code wget}, which the image
     * must contain, unless {@link #composeHealthCheck} gives it a prober.
     *
     * @param path the path requested, starting with {@code /}
     * @param portName a port declared with {@link #port} before
     * @return this builder
     */
    public Builder httpProbe(String path, String portName) {
      int port = portNamed(portName);
      return probe(new Probe(new Probe.HttpGet(path, port), 10, 3, 3));
    }

    /**
     * Readiness and liveness: the same probe.
     *
     * @param probe the probe
     * @return this builder
     */
    public Builder probe(Probe probe) {
      model.readiness(probe);
      model.liveness(probe);
      return this;
    }

    /**
     * The readiness probe alone.
     *
     * @param probe when it may receive traffic, and when Compose starts what depends on it
     * @return this builder
     */
    public Builder readiness(Probe probe) {
      model.readiness(probe);
      return this;
    }

    /**
     * The liveness probe alone.
     *
     * @param probe when it must be restarted
     * @return this builder
     */
    public Builder liveness(Probe probe) {
      model.liveness(probe);
      return this;
    }

    /**
     * How long it may take to start before liveness applies, in seconds. Default: 30.
     *
     * @param seconds at least one readiness period
     * @return this builder
     */
    public Builder startupSeconds(int seconds) {
      model.startupSeconds(seconds);
      return this;
    }

    /**
     * Requests and limits. Default: {@link #DEFAULT_RESOURCES}.
     *
     * @param resources requests and limits
     * @return this builder
     */
    public Builder resources(Resources resources) {
      model.resources(resources);
      resourcesSet = true;
      return this;
    }

    /**
     * Kubernetes replicas (Compose runs one). Default: 1.
     *
     * @param replicas at least 1
     * @return this builder
     */
    public Builder replicas(int replicas) {
      model.replicas(replicas);
      return this;
    }

    /**
     * Kubernetes autoscaling on CPU; replaces {@link #replicas}. Default: a fixed count.
     *
     * @param autoscaling the bounds and the CPU target
     * @return this builder
     */
    public Builder autoscaling(Autoscaling autoscaling) {
      model.autoscaling(autoscaling);
      return this;
    }

    /**
     * Replaces the image's entrypoint. Default: the image's.
     *
     * @param command the executable and its arguments
     * @return this builder
     */
    public Builder command(List<String> command) {
      model.command(command);
      return this;
    }

    /**
     * Arguments to the entrypoint. Default: the image's.
     *
     * @param args the arguments
     * @return this builder
     */
    public Builder args(List<String> args) {
      model.args(args);
      return this;
    }

    /**
     * Numeric user and group the container runs as, never 0. Default: 10001:10001.
     *
     * @param user the numeric user id
     * @param group the numeric group id
     * @return this builder
     */
    public Builder runAs(long user, long group) {
      this.security = new ContainerSecurity(user, group);
      model.runAs(user, group);
      return this;
    }

    /**
     * A task it runs on a schedule: a Kubernetes CronJob of its image (or another), as its user.
     * Default: none.
     *
     * @param task the task
     * @return this builder
     */
    public Builder job(ScheduledTask task) {
      tasks.add(task);
      return this;
    }

    /**
     * Loosens the read-only root filesystem, for this stated reason, written beside the setting on
     * both targets. Default: read-only.
     *
     * @param reason why the image needs it
     * @return this builder
     */
    public Builder writableRootFilesystem(String reason) {
      model.writableRootFilesystem(reason);
      return this;
    }

    /**
     * Declares that it connects to another service: the network policies let it out to that port
     * and the other in from it, Compose gives the two a network of their own, and Compose starts it
     * once the other is healthy. Default: none, and no way out.
     *
     * @param endpoint the other service's endpoint
     * @return this builder
     */
    public Builder dependsOn(Endpoint endpoint) {
      model.dependsOn(endpoint.service());
      return this;
    }

    /**
     * Like {@link #dependsOn(Endpoint)}, to another generic service.
     *
     * @param service the other service
     * @return this builder
     */
    public Builder dependsOn(GenericService service) {
      model.dependsOn(service.name());
      return this;
    }

    /**
     * Declares Prometheus metrics: Prometheus scrapes {@code path} on the named port, and the
     * network policy lets it in on that port only. Default: none.
     *
     * @param portName a declared port
     * @param path the path scraped, such as {@code /metrics}
     * @return this builder
     */
    public Builder metrics(String portName, String path) {
      model.metrics(new Metrics(portName, path));
      return this;
    }

    /**
     * Compose: publishes the main port on {@code 127.0.0.1:<port>}. Default: not published.
     *
     * @param port the host port
     * @return this builder
     */
    public Builder hostPort(int port) {
      model.hostPort(port);
      return this;
    }

    /**
     * Kubernetes: an Ingress to the main port. Default: none.
     *
     * @param ingress its host, TLS and class
     * @return this builder
     */
    public Builder ingress(Exposure.Ingress ingress) {
      model.ingress(ingress);
      return this;
    }

    /**
     * How Compose tests its readiness, which its dependents wait for. Default: {@link
     * ComposeHealthCheck#IN_CONTAINER}, a health check in its own container ({@code wget} for an
     * HTTP probe). {@link ComposeHealthCheck#prober()} tests its HTTP readiness probe from a
     * hardened busybox service beside it, {@code <name>-ready}, for an image without {@code wget}
     * or a shell (Jib, distroless); Kubernetes is the same either way.
     *
     * @param check in its own container, or from a prober beside it
     * @return this builder
     */
    public Builder composeHealthCheck(ComposeHealthCheck check) {
      model.composeHealthCheck(check);
      return this;
    }

    /**
     * Makes it a development tool: in Compose only, started only with this profile ({@code docker
     * compose --profile <profile> up}). Default: a service of both targets that always starts.
     *
     * @param profile the Compose profile, a DNS label
     * @return this builder
     */
    public Builder composeOnly(String profile) {
      model.composeOnly(profile);
      return this;
    }

    /**
     * The props record of the environment's settings the flagship services of this package are made
     * from, so that a rule of the stack that refuses one of its values is reported at its key in
     * the environment file (see {@link Stack#add(ServiceModel, Record, UnaryOperator)}).
     *
     * @param props the record
     * @param keys the record's key for a key of the model, {@code null} when it does not set it
     */
    Builder madeFrom(Record props, UnaryOperator<String> keys) {
      this.props = props;
      this.keys = keys;
      return this;
    }

    /**
     * Checks the description and adds the service to the stack.
     *
     * @param stack the stack it joins
     * @return the service, whose endpoints other services refer to
     * @throws IllegalArgumentException when a required setting is missing or a value is invalid
     */
    public GenericService addTo(Stack stack) {
      ServiceModel built = build();
      if (props == null) {
        stack.add(built);
      } else {
        stack.add(built, props, keys);
      }
      return new GenericService(built);
    }

    /** The model, with every default applied; for a service whose model is made last. */
    ServiceModel build() {
      if (!componentSet) {
        model.component("app");
      }
      if (!resourcesSet) {
        model.resources(DEFAULT_RESOURCES);
      }
      for (ScheduledTask task : tasks) {
        if (task.image() == null && image == null) {
          throw new IllegalArgumentException(
              "task " + task.name() + " runs the service's image, and the service has none");
        }
        model.job(task.toJob(image, security));
      }
      try {
        return model.build();
      } catch (NullPointerException e) {
        throw new IllegalArgumentException(
            "a generic service needs an image, a port and its probes (httpProbe or probe): "
                + e.getMessage(),
            e);
      }
    }

    private int portNamed(String portName) {
      return ports.stream()
          .filter(p -> p.name().equals(portName))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no port named " + portName + "; declare it with port() first"))
          .port();
    }
  }
}
