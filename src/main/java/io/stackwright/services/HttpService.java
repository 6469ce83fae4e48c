package io.stackwright.services;

import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.SecretFile;
import io.stackwright.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A stateless HTTP service (a Deployment on Kubernetes) that depends on whatever it is given and on
 * nothing else: health, readiness and metrics paths from a {@link HttpFramework} preset, each
 * overridable; the connection facts of each {@link Builder#uses(Postgres) PostgreSQL}, {@link
 * Builder#uses(Redis) Redis} or other {@link Builder#uses(Endpoint) endpoint} it uses, as
 * environment variables, with the network policy and Compose network and start order along each;
 * and secrets of its own, each mounted as a file. The shop's {@link Backend} is one.
 *
 * <pre>{@code
 * HttpService api =
 *     HttpService.builder("api")
 *         .props(settings.api())
 *         .framework(HttpFramework.SPRING_BOOT)
 *         .uses(postgres)
 *         .secret(new SecretFile("jwt-signing-key", "api-jwt", "key"), "JWT_SIGNING_KEY_FILE")
 *         .addTo(stack);
 * }</pre>
 *
 * <p><b>Passwords are files.</b> A password never arrives as a variable: each secret is the file
 * {@code /run/secrets/<secret name>} (a PostgreSQL's is {@code <its service name>-password}, so
 * {@code postgres-password}) and a {@code *_FILE} variable holds its path ({@code
 * DB_PASSWORD_FILE}, {@code REDIS_PASSWORD_FILE}, or the one given to {@link Builder#secret}). A
 * Spring Boot service also receives {@code SPRING_CONFIG_IMPORT=optional:configtree:/run/secrets/},
 * with which Spring Boot reads every file there as a property named by the file's name; its {@code
 * application.properties} then says {@code spring.datasource.password=${postgres-password}}.
 */
public final class HttpService {

  /** The name of its only port, by which probes and metrics refer to it. */
  public static final String PORT_NAME = "http";

  private final String name;
  private final int port;

  private HttpService(String name, int port) {
    this.name = name;
    this.port = port;
  }

  /**
   * Starts describing an HTTP service.
   *
   * @param name the service's name, a DNS label: the name of its Kubernetes objects and its Compose
   *     service
   * @return a builder with every default; {@link Builder#props} is still required
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** {@return the service's name} */
  public String name() {
    return name;
  }

  /** {@return where clients connect: its host and its HTTP port} */
  public Endpoint endpoint() {
    return new Endpoint(name, port);
  }

  /**
   * Describes an {@link HttpService}. Required: {@link #props}. Everything else has a default,
   * given with each setter.
   */
  public static final class Builder {
    private final String name;
    private HttpServiceProps props;
    private Record madeFrom;
    private HttpFramework framework = HttpFramework.GENERIC;
    private int port = HttpFramework.DEFAULT_PORT;
    private String component = "api";
    private final HttpProbes probes;
    private final HttpInputs inputs;
    private final List<Consumer<GenericService.Builder>> customizations = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
      this.probes = new HttpProbes(name);
      this.inputs = new HttpInputs(name);
    }

    /**
     * What the environment file sets: image, replicas or autoscaling, resources, log level, user.
     * Required.
     *
     * @param props the environment's settings
     * @return this builder
     * @throws io.stackwright.env.InvalidPropException when {@code props} is {@code null}, at the
     *     key of the service's name: an environment file without the section named after it
     */
    public Builder props(HttpServiceProps props) {
      this.props = Range.section(name, props, HttpServiceProps.class, "its image");
      return this;
    }

    /**
     * The record of the environment's settings {@link #props} were made from, when they are a copy
     * of it (the {@link Backend}'s): a value the stack refuses is reported at its key there. It has
     * the keys of {@link HttpServiceProps}. Default: the props themselves.
     *
     * @param settings the record
     * @return this builder
     */
    Builder madeFrom(Record settings) {
      this.madeFrom = required(settings, "settings");
      return this;
    }

    /**
     * The framework whose paths and variables it starts from. Default: {@link
     * HttpFramework#GENERIC}.
     *
     * @param framework the framework
     * @return this builder
     */
    public Builder framework(HttpFramework framework) {
      this.framework = required(framework, "framework");
      return this;
    }

    /**
     * The port it listens on, passed in its framework's port variable. Default: {@link
     * HttpFramework#DEFAULT_PORT} (8080).
     *
     * @param port 1–65535
     * @return this builder
     * @throws IllegalArgumentException when it is out of range
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "HttpService " + name + ": port must be between 1 and 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The liveness path: while it answers, the process is not restarted. Default: the framework's
     * ({@link HttpFramework#livenessPath()}).
     *
     * @param path an absolute URL path, such as {@code /healthz}
     * @return this builder
     * @throws IllegalArgumentException when it is not an absolute URL path
     */
    public Builder livenessPath(String path) {
      probes.liveness(path);
      return this;
    }

    /**
     * The readiness path: while it answers, it receives traffic, Compose counts it healthy and
     * starts what depends on it. Default: the framework's ({@link HttpFramework#readinessPath()}).
     *
     * @param path an absolute URL path
     * @return this builder
     * @throws IllegalArgumentException when it is not an absolute URL path
     */
    public Builder readinessPath(String path) {
      probes.readiness(path);
      return this;
    }

    /**
     * The path of its Prometheus metrics, which Prometheus scrapes on its port. Default: the
     * framework's ({@link HttpFramework#metricsPath()}).
     *
     * @param path an absolute URL path
     * @return this builder
     * @throws IllegalArgumentException when it is not an absolute URL path
     */
    public Builder metricsPath(String path) {
      probes.metrics(path);
      return this;
    }

    /**
     * Declares that it exposes no metrics: nothing scrapes it. Default: it exposes them.
     *
     * @return this builder
     */
    public Builder noMetrics() {
      probes.noMetrics();
      return this;
    }

    /**
     * Its {@code app.kubernetes.io/component} label. Default: {@code api}.
     *
     * @param component the label's value
     * @return this builder
     */
    public Builder component(String component) {
      this.component = required(component, "component");
      return this;
    }

    /**
     * How long it may take to start before liveness applies, in seconds. Default: 60.
     *
     * @param seconds at least 10, one readiness period
     * @return this builder
     */
    public Builder startupSeconds(int seconds) {
      probes.startupSeconds(seconds);
      return this;
    }

    /**
     * Uses a PostgreSQL: {@code DB_HOST}, {@code DB_PORT}, {@code DB_NAME}, {@code DB_USER} and
     * {@code DB_PASSWORD_FILE} (the path of the mounted password); for {@link
     * HttpFramework#SPRING_BOOT} also {@code SPRING_DATASOURCE_URL} ({@code
     * jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}}, whose placeholders Spring resolves from
     * those variables) and {@code SPRING_DATASOURCE_USERNAME}. It may connect to it, and Compose
     * starts it once the database is healthy. Default: none.
     *
     * @param postgres the database; one per service
     * @return this builder
     * @throws IllegalArgumentException when it is null or a second one
     */
    public Builder uses(Postgres postgres) {
      inputs.add(required(postgres, "postgres"));
      return this;
    }

    /**
     * Uses a Redis: {@code REDIS_HOST}, {@code REDIS_PORT} and {@code REDIS_PASSWORD_FILE}; for
     * {@link HttpFramework#SPRING_BOOT} also {@code SPRING_DATA_REDIS_HOST} and {@code
     * SPRING_DATA_REDIS_PORT} (Spring Boot 3). It may connect to it, and Compose starts it once
     * Redis is healthy. Default: none.
     *
     * @param redis the cache; one per service
     * @return this builder
     * @throws IllegalArgumentException when it is null or a second one
     */
    public Builder uses(Redis redis) {
      inputs.add(required(redis, "redis"));
      return this;
    }

    /**
     * Uses another service of the stack: {@code <NAME>_HOST} and {@code <NAME>_PORT}, where {@code
     * NAME} is the other service's name in upper case with {@code _} for {@code -} ({@code
     * payments-api} gives {@code PAYMENTS_API_HOST}). It may connect to it, and Compose starts it
     * once the other is healthy. Default: none.
     *
     * @param endpoint the other service's endpoint, such as {@code other.endpoint()}
     * @return this builder
     * @throws IllegalArgumentException when it is null
     */
    public Builder uses(Endpoint endpoint) {
      required(endpoint, "endpoint");
      return uses(endpoint, endpoint.service().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /**
     * Uses another service of the stack under variables of a chosen prefix: {@code <prefix>_HOST}
     * and {@code <prefix>_PORT}. Default: none.
     *
     * @param endpoint the other service's endpoint
     * @param prefix the variables' prefix, in {@code UPPER_SNAKE_CASE}, such as {@code PAYMENTS}
     * @return this builder
     * @throws IllegalArgumentException when either is null, the prefix is not upper snake case, or
     *     it is in use
     */
    public Builder uses(Endpoint endpoint, String prefix) {
      inputs.add(required(endpoint, "endpoint"), required(prefix, "prefix"));
      return this;
    }

    /**
     * Mounts a secret of its own as the file {@code /run/secrets/<secret.name()>} and points {@code
     * fileVariable} at it, such as a signing key. A development environment gets a generated,
     * marked value; every other one refers to the Secret {@code secret.secretName()}, which must
     * exist outside the repository. Default: none.
     *
     * @param secret the secret
     * @param fileVariable the variable that holds the file's path, such as {@code
     *     JWT_SIGNING_KEY_FILE}
     * @return this builder
     * @throws IllegalArgumentException when either is null or the secret is mounted twice
     */
    public Builder secret(SecretFile secret, String fileVariable) {
      inputs.secret(required(secret, "secret"), required(fileVariable, "fileVariable"));
      return this;
    }

    /**
     * Sets an environment variable to a literal. Default: none. A credential never goes here: the
     * policy gate refuses a literal value of a variable named like one outside development; use
     * {@link #secret}.
     *
     * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
     * @param value its value
     * @return this builder
     */
    public Builder env(String key, String value) {
      return env(key, EnvValue.of(required(value, "value of " + key)));
    }

    /**
     * Sets an environment variable to a value resolved per target, such as {@code endpoint.host()}.
     * Default: none.
     *
     * @param key the variable's name, in {@code UPPER_SNAKE_CASE}
     * @param value its value
     * @return this builder
     * @throws IllegalArgumentException when the variable is set twice
     */
    public Builder env(String key, EnvValue value) {
      inputs.env(required(key, "key"), required(value, "value of " + key));
      return this;
    }

    /**
     * Changes the underlying {@link GenericService.Builder} after this builder has described it,
     * for what it does not offer ({@code hostPort}, {@code ingress}, another {@code writable}
     * path). Default: nothing.
     *
     * @param change what to set on it
     * @return this builder
     */
    public Builder customize(Consumer<GenericService.Builder> change) {
      customizations.add(required(change, "change"));
      return this;
    }

    /**
     * Checks the description and adds the service to the stack.
     *
     * @param stack the stack it joins
     * @return the service, whose {@link HttpService#endpoint()} others use
     * @throws IllegalArgumentException when {@link #props} is missing or a value is invalid
     */
    public HttpService addTo(Stack stack) {
      required(stack, "stack");
      if (props == null) {
        throw new IllegalArgumentException(
            "HttpService " + name + " needs props(...): at least its image");
      }
      String scraped = probes.metricsPath(framework);
      GenericService.Builder service =
          GenericService.builder(name)
              .component(component)
              .image(props.image())
              .replicas(props.replicas())
              .port(PORT_NAME, port);
      framework
          .environment(port, props.logLevel(), scraped, inputs.readsSecrets())
          .forEach(service::env);
      inputs.describe(service, framework);
      if (scraped != null) {
        service.metrics(PORT_NAME, scraped);
      }
      service
          .writable("/tmp")
          .readiness(probes.readinessProbe(framework, port))
          .liveness(probes.livenessProbe(framework, port))
          .startupSeconds(probes.startupSeconds())
          .resources(props.effectiveResources())
          .runAs(props.runAsUser(), props.runAsUser())
          .autoscaling(props.autoscaling() == null ? null : props.autoscaling().toAutoscaling());
      service.madeFrom(madeFrom != null ? madeFrom : props, UnaryOperator.identity());
      customizations.forEach(change -> change.accept(service));
      service.addTo(stack);
      return new HttpService(name, port);
    }

    private <T> T required(T value, String what) {
      if (value == null) {
        throw new IllegalArgumentException("HttpService " + name + ": " + what + " is null");
      }
      return value;
    }
  }
}
