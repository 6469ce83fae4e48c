package io.stackwright.services;

import io.stackwright.model.ApiAccess;
import io.stackwright.model.Autoscaling;
import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.Cpu;
import io.stackwright.model.Endpoint;
import io.stackwright.model.Exposure;
import io.stackwright.model.Memory;
import io.stackwright.model.Metrics;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.ServicePort;
import io.stackwright.stack.Stack;
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
   * Describes a {@link GenericService}: the one way a service of the stack is described. Required:
   * an image, at least one port and a readiness and liveness probe (one {@link #httpProbe} or
   * {@link #probe} sets both). Everything else has a secure default, given with each setter.
   */
  // The setters of its container (image, command, environment, files, user, probes) are in
  // ContainerSettings, and what it has been told, with the defaults, in ServiceDraft.
  public static final class Builder extends ContainerSettings {
    private Record props;
    private UnaryOperator<String> keys;

    private Builder(String name) {
      super(name);
    }

    /**
     * Its {@code app.kubernetes.io/component} label. Default: {@code app}.
     *
     * @param component the label's value, such as {@code worker}
     * @return this builder
     */
    public Builder component(String component) {
      draft.component = required(component, "component");
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
      draft.ports.add(new ServicePort(name, port));
      return this;
    }

    /**
     * Requests and limits. Default: {@link #DEFAULT_RESOURCES}.
     *
     * @param resources requests and limits
     * @return this builder
     */
    public Builder resources(Resources resources) {
      draft.resources = required(resources, "resources");
      return this;
    }

    /**
     * Kubernetes replicas (Compose runs one). Default: 1.
     *
     * @param replicas at least 1
     * @return this builder
     */
    public Builder replicas(int replicas) {
      draft.replicas = replicas;
      return this;
    }

    /**
     * Kubernetes autoscaling on CPU; replaces {@link #replicas} with its minimum. Default: a fixed
     * count.
     *
     * @param autoscaling the bounds and the CPU target, or {@code null} for a fixed count
     * @return this builder
     */
    public Builder autoscaling(Autoscaling autoscaling) {
      draft.autoscaling = autoscaling;
      if (autoscaling != null) {
        draft.replicas = autoscaling.minReplicas();
      }
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
      draft.tasks.add(required(task, "task"));
      return this;
    }

    /** A scheduled job of the model, for the flagship services of this package. */
    Builder job(ScheduledJob job) {
      draft.jobs.add(job);
      return this;
    }

    /** Kubernetes API access in its namespace, for the flagship services of this package. */
    Builder apiAccess(ApiAccess access) {
      draft.apiAccess.add(access);
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
      draft.dependsOn.add(endpoint.service());
      return this;
    }

    /**
     * Like {@link #dependsOn(Endpoint)}, to another generic service.
     *
     * @param service the other service
     * @return this builder
     */
    public Builder dependsOn(GenericService service) {
      draft.dependsOn.add(service.name());
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
      draft.metrics = new Metrics(portName, path);
      return this;
    }

    /**
     * Compose: publishes the main port on {@code 127.0.0.1:<port>}. Default: not published.
     *
     * @param port the host port
     * @return this builder
     */
    public Builder hostPort(int port) {
      draft.hostPort = port;
      return this;
    }

    /**
     * Kubernetes: an Ingress to the main port. Default: none.
     *
     * @param ingress its host, TLS and class, or {@code null} for none
     * @return this builder
     */
    public Builder ingress(Exposure.Ingress ingress) {
      draft.ingress = ingress;
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
      draft.composeHealthCheck = required(check, "composeHealthCheck");
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
      draft.composeProfile = profile;
      draft.kubernetes = false;
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
      return draft.toModel();
    }

    private <T> T required(T value, String what) {
      if (value == null) {
        throw new IllegalArgumentException(draft.name + ": " + what + " is null");
      }
      return value;
    }
  }
}
