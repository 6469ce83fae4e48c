package io.stackwright.services;

import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.CronSchedule;
import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Names;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A task a service runs on a schedule: a Kubernetes CronJob {@code <service>-<name>} whose pods run
 * the service's image (or another), as the service's user, hardened like every pod, with a network
 * policy that lets them reach exactly the endpoints named. Compose has no scheduler, so a task has
 * no Compose form; {@code ENVIRONMENTS.md} lists it under "scheduled jobs".
 *
 * <pre>
 * GenericService.builder("api")
 *     ...
 *     .job(ScheduledTask.builder("nightly-report", "0 6 * * *")
 *         .command("java", "-cp", "/app/classes:/app/libs/*", "com.acme.Report")
 *         .secret(postgres.password(), "DB_PASSWORD_FILE")
 *         .connectsTo(postgres.endpoint())
 *         .build())
 * </pre>
 *
 * @param name the task's name, a DNS label; the CronJob is {@code <service>-<name>}. Required.
 * @param schedule when it runs: five cron fields or a descriptor such as {@code @daily}, in the
 *     cluster's time zone, checked as the API server checks it. Required.
 * @param command the command and its arguments. Required, not empty.
 * @param image the image it runs. Default ({@code null}): the service's own.
 * @param env environment variables, sorted by name. Default: none.
 * @param secrets secret files it reads, each with the variable that holds its path. Default: none.
 * @param connectsTo the endpoints it reaches; the network policy admits exactly these. Default:
 *     none.
 * @param resources its requests and limits. Default: cpu 100m (limit 500m), memory 256Mi (limit
 *     256Mi).
 * @param deadlineSeconds how long a run may take before it is stopped, at least 1. Default: 3600.
 * @param summary what it does, in a few words for {@code ENVIRONMENTS.md}. Default: none.
 */
public record ScheduledTask(
    String name,
    String schedule,
    List<String> command,
    ImageRef image,
    Map<String, String> env,
    Map<SecretFile, String> secrets,
    List<Endpoint> connectsTo,
    Resources resources,
    int deadlineSeconds,
    String summary) {

  /** The default requests and limits of a task. */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(Cpu.millis(100), Memory.mebibytes(256), Cpu.millis(500), Memory.mebibytes(256));

  /**
   * Checks the name, schedule and command; copies the collections.
   *
   * @param name see {@link #name()}
   * @param schedule see {@link #schedule()}
   * @param command see {@link #command()}
   * @param image see {@link #image()}
   * @param env see {@link #env()}
   * @param secrets see {@link #secrets()}
   * @param connectsTo see {@link #connectsTo()}
   * @param resources see {@link #resources()}
   * @param deadlineSeconds see {@link #deadlineSeconds()}
   * @param summary see {@link #summary()}
   */
  public ScheduledTask {
    if (name == null || !Names.isDnsLabel(name)) {
      throw new IllegalArgumentException("task name \"" + name + "\" must be a DNS label");
    }
    String problem = CronSchedule.problem(schedule);
    if (problem != null) {
      throw new IllegalArgumentException(
          "task "
              + name
              + ": schedule \""
              + schedule
              + "\": "
              + problem
              + "; "
              + CronSchedule.HINT);
    }
    if (command == null || command.isEmpty()) {
      throw new IllegalArgumentException("task " + name + " needs a command");
    }
    command = List.copyOf(command);
    env = Map.copyOf(new TreeMap<>(env));
    secrets = Map.copyOf(secrets);
    connectsTo = List.copyOf(connectsTo);
    resources = resources == null ? DEFAULT_RESOURCES : resources;
    if (deadlineSeconds < 1) {
      throw new IllegalArgumentException("task " + name + ": the deadline must be positive");
    }
    summary = summary == null ? "" : summary;
  }

  /**
   * The model's job, for the service it belongs to.
   *
   * @param serviceImage the service's image, run when the task names none
   * @param security the service's user and group, which the task runs as
   * @return the job
   */
  ScheduledJob toJob(ImageRef serviceImage, ContainerSecurity security) {
    Map<String, EnvValue> values = new TreeMap<>();
    env.forEach((key, value) -> values.put(key, EnvValue.of(value)));
    secrets.forEach((secret, variable) -> values.put(variable, EnvValue.of(secret.path())));
    return new ScheduledJob(
        name,
        schedule,
        image == null ? serviceImage : image,
        command,
        values,
        List.copyOf(secrets.keySet()),
        null,
        resources,
        security,
        deadlineSeconds,
        connectsTo.stream().map(Endpoint::service).toList(),
        summary);
  }

  /**
   * A builder of a task.
   *
   * @param name the task's name, a DNS label
   * @param schedule when it runs, such as {@code 0 6 * * *}
   * @return the builder
   */
  public static Builder builder(String name, String schedule) {
    return new Builder(name, schedule);
  }

  /** Builds a {@link ScheduledTask}: a command is required, everything else optional. */
  public static final class Builder {
    private final String name;
    private final String schedule;
    private final List<String> command = new ArrayList<>();
    private ImageRef image;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<SecretFile, String> secrets = new LinkedHashMap<>();
    private final List<Endpoint> connectsTo = new ArrayList<>();
    private Resources resources;
    private int deadlineSeconds = 3600;
    private String summary;

    private Builder(String name, String schedule) {
      this.name = name;
      this.schedule = schedule;
    }

    /**
     * The command and its arguments. Required.
     *
     * @param words the command, then its arguments
     * @return this builder
     */
    public Builder command(String... words) {
      command.clear();
      command.addAll(List.of(words));
      return this;
    }

    /**
     * Another image than the service's. Default: the service's.
     *
     * @param other the image
     * @return this builder
     */
    public Builder image(ImageRef other) {
      this.image = other;
      return this;
    }

    /**
     * An environment variable. Default: none.
     *
     * @param key the variable's name
     * @param value its value, a literal
     * @return this builder
     */
    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    /**
     * A secret file it reads, and the variable that holds its path. Default: none.
     *
     * @param secret the secret
     * @param fileVariable the variable, such as {@code DB_PASSWORD_FILE}
     * @return this builder
     */
    public Builder secret(SecretFile secret, String fileVariable) {
      secrets.put(secret, fileVariable);
      return this;
    }

    /**
     * An endpoint it reaches. Default: none.
     *
     * @param endpoint the endpoint, such as {@code postgres.endpoint()}
     * @return this builder
     */
    public Builder connectsTo(Endpoint endpoint) {
      connectsTo.add(endpoint);
      return this;
    }

    /**
     * Its requests and limits. Default: {@link ScheduledTask#DEFAULT_RESOURCES}.
     *
     * @param limits the requests and limits
     * @return this builder
     */
    public Builder resources(Resources limits) {
      this.resources = limits;
      return this;
    }

    /**
     * How long a run may take. Default: 3600 seconds.
     *
     * @param seconds the deadline
     * @return this builder
     */
    public Builder deadlineSeconds(int seconds) {
      this.deadlineSeconds = seconds;
      return this;
    }

    /**
     * What it does, for {@code ENVIRONMENTS.md}. Default: none.
     *
     * @param text a few words
     * @return this builder
     */
    public Builder summary(String text) {
      this.summary = text;
      return this;
    }

    /** {@return the task} */
    public ScheduledTask build() {
      return new ScheduledTask(
          name,
          schedule,
          command,
          image,
          env,
          secrets,
          connectsTo,
          resources,
          deadlineSeconds,
          summary);
    }
  }
}
