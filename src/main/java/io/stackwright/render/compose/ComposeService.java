package io.stackwright.render.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One service of a Compose file, with the keys of the Compose Specification this renderer sets. A
 * key left {@code null} or empty is left out, which Compose reads as its default.
 *
 * @param image the image
 * @param profiles the profiles that start it; none: it always starts
 * @param entrypoint replaces the image's entrypoint
 * @param command replaces the image's command
 * @param init runs an init process that forwards signals
 * @param labels the labels, by key
 * @param user the numeric {@code uid:gid}
 * @param readOnly whether the root filesystem is read-only
 * @param capDrop the dropped capabilities
 * @param securityOpt the security options, such as {@code no-new-privileges:true}
 * @param shmSize the size of {@code /dev/shm}
 * @param tmpfs the in-memory mounts, as {@code path} or {@code path:size=<n>m}
 * @param restart the restart policy
 * @param logging the log driver
 * @param environment the variables, by name
 * @param secrets the secrets mounted under {@code /run/secrets}
 * @param configs the config files mounted
 * @param volumes the volumes mounted
 * @param ports the published ports
 * @param networks the networks it joins
 * @param healthcheck its health check
 * @param dependsOn the services it waits for, by name
 * @param deploy its resources
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ComposeService(
    String image,
    List<String> profiles,
    List<String> entrypoint,
    List<String> command,
    Boolean init,
    Map<String, String> labels,
    String user,
    @JsonProperty("read_only") Boolean readOnly,
    @JsonProperty("cap_drop") List<String> capDrop,
    @JsonProperty("security_opt") List<String> securityOpt,
    @JsonProperty("shm_size") String shmSize,
    List<String> tmpfs,
    String restart,
    Logging logging,
    Map<String, String> environment,
    List<String> secrets,
    List<ConfigMount> configs,
    List<VolumeMount> volumes,
    List<String> ports,
    List<String> networks,
    HealthCheck healthcheck,
    @JsonProperty("depends_on") Map<String, DependsOn> dependsOn,
    Deploy deploy) {

  /**
   * How a service's logs are kept.
   *
   * @param driver the log driver
   * @param options its options, by name
   */
  public record Logging(String driver, Map<String, String> options) {}

  /**
   * What a service waits for before it starts.
   *
   * @param condition {@code service_started} or {@code service_healthy}
   * @param restart whether it is restarted when Compose recreates the other; {@code null} for no
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DependsOn(String condition, Boolean restart) {}

  /**
   * A config file mounted into a service.
   *
   * @param source the config's name
   * @param target the path inside the container
   */
  public record ConfigMount(String source, String target) {}

  /**
   * A volume mounted into a service.
   *
   * @param type {@code volume} for a named volume
   * @param source the volume's name
   * @param target the path inside the container
   */
  public record VolumeMount(String type, String source, String target) {}

  /** {@return a service of {@code image}, with nothing else yet} */
  static Builder builder(String image) {
    return new Builder(image);
  }

  /**
   * Collects a service's keys. The renderer sets what the model says the service runs; the methods
   * that are public are those the cross-cutting defaults ({@link ComposeEnricher}) add with.
   */
  public static final class Builder {
    private final String image;
    private final List<String> profiles = new ArrayList<>();
    private List<String> entrypoint = List.of();
    private List<String> command = List.of();
    private Boolean init;
    private final Map<String, String> labels = new TreeMap<>();
    private String user;
    private Boolean readOnly;
    private List<String> capDrop = List.of();
    private final List<String> securityOpt = new ArrayList<>();
    private String shmSize;
    private final List<String> tmpfs = new ArrayList<>();
    private String restart;
    private Logging logging;
    private final Map<String, String> environment = new TreeMap<>();
    private final List<String> secrets = new ArrayList<>();
    private final List<ConfigMount> configs = new ArrayList<>();
    private final List<VolumeMount> volumes = new ArrayList<>();
    private final List<String> ports = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private HealthCheck healthcheck;
    private final Map<String, DependsOn> dependsOn = new LinkedHashMap<>();
    private Deploy deploy;

    private Builder(String image) {
      this.image = image;
    }

    Builder profile(String profile) {
      profiles.add(profile);
      return this;
    }

    Builder entrypoint(List<String> entrypoint) {
      this.entrypoint = entrypoint;
      return this;
    }

    Builder command(List<String> command) {
      this.command = command;
      return this;
    }

    Builder init(boolean init) {
      this.init = init;
      return this;
    }

    /**
     * Adds labels.
     *
     * @param labels the labels, by key
     * @return this builder
     */
    public Builder labels(Map<String, String> labels) {
      this.labels.putAll(labels);
      return this;
    }

    /**
     * Adds a label.
     *
     * @param key its key
     * @param value its value
     * @return this builder
     */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    /**
     * Sets the user it runs as.
     *
     * @param user the numeric {@code uid:gid}
     * @return this builder
     */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /**
     * Sets whether its root filesystem is read-only.
     *
     * @param readOnly {@code true} for read-only
     * @return this builder
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * Sets the capabilities it drops.
     *
     * @param capabilities the capabilities, such as {@code ALL}
     * @return this builder
     */
    public Builder capDrop(List<String> capabilities) {
      this.capDrop = capabilities;
      return this;
    }

    /**
     * Adds a security option.
     *
     * @param option the option, such as {@code no-new-privileges:true}
     * @return this builder
     */
    public Builder securityOpt(String option) {
      securityOpt.add(option);
      return this;
    }

    /**
     * Sets the size of {@code /dev/shm}.
     *
     * @param size the size, such as {@code 64m}
     * @return this builder
     */
    public Builder shmSize(String size) {
      this.shmSize = size;
      return this;
    }

    /**
     * Adds an in-memory mount.
     *
     * @param mount {@code path} or {@code path:size=<n>m}
     * @return this builder
     */
    public Builder tmpfs(String mount) {
      tmpfs.add(mount);
      return this;
    }

    Builder restart(String policy) {
      this.restart = policy;
      return this;
    }

    Builder logging(Logging logging) {
      this.logging = logging;
      return this;
    }

    Builder environment(Map<String, String> variables) {
      environment.putAll(variables);
      return this;
    }

    /**
     * Mounts a secret under {@code /run/secrets}.
     *
     * @param name the secret's name in the file's {@code secrets}
     * @return this builder
     */
    public Builder secret(String name) {
      secrets.add(name);
      return this;
    }

    /**
     * Mounts a config file.
     *
     * @param mount the config and where it is mounted
     * @return this builder
     */
    public Builder config(ConfigMount mount) {
      configs.add(mount);
      return this;
    }

    Builder volume(VolumeMount mount) {
      volumes.add(mount);
      return this;
    }

    Builder port(String port) {
      ports.add(port);
      return this;
    }

    /**
     * Joins networks.
     *
     * @param names the networks' names, in the order written
     * @return this builder
     */
    public Builder networks(List<String> names) {
      networks.addAll(names);
      return this;
    }

    /**
     * Sets its health check.
     *
     * @param check the check
     * @return this builder
     */
    public Builder healthcheck(HealthCheck check) {
      this.healthcheck = check;
      return this;
    }

    /**
     * Makes it wait for another service.
     *
     * @param service the other service's name
     * @param condition what it waits for
     * @return this builder
     */
    public Builder dependsOn(String service, DependsOn condition) {
      dependsOn.put(service, condition);
      return this;
    }

    /**
     * Sets its resources.
     *
     * @param deploy its {@code deploy} section
     * @return this builder
     */
    public Builder deploy(Deploy deploy) {
      this.deploy = deploy;
      return this;
    }

    ComposeService build() {
      return new ComposeService(
          image,
          List.copyOf(profiles),
          List.copyOf(entrypoint),
          List.copyOf(command),
          init,
          Collections.unmodifiableMap(new TreeMap<>(labels)),
          user,
          readOnly,
          List.copyOf(capDrop),
          List.copyOf(securityOpt),
          shmSize,
          List.copyOf(tmpfs),
          restart,
          logging,
          Collections.unmodifiableMap(new TreeMap<>(environment)),
          List.copyOf(secrets),
          List.copyOf(configs),
          List.copyOf(volumes),
          List.copyOf(ports),
          List.copyOf(networks),
          healthcheck,
          Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn)),
          deploy);
    }
  }
}
