package io.stackwright.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A task a service runs on a schedule, such as a database backup: a Kubernetes CronJob whose pods
 * are hardened like the service's. Compose has no scheduler, so it has no Compose form.
 *
 * @param name job name, a DNS label; the CronJob is {@code <service>-<name>}
 * @param schedule cron schedule, five fields or a descriptor, in the cluster's time zone, checked
 *     as the API server checks it ({@link CronSchedule})
 * @param image container image
 * @param command program and arguments
 * @param env environment variables
 * @param secrets secret files it reads
 * @param volume a volume of its own (a PersistentVolumeClaim {@code <service>-<name>}), or {@code
 *     null}
 * @param resources requests and limits
 * @param security how the container is confined
 * @param deadlineSeconds a run taking longer than this is stopped
 * @param connectsTo services it connects to: the network policy admits exactly these
 * @param summary what the job keeps, in a few words for reports such as {@code ENVIRONMENTS.md}
 *     (for a backup: how long dumps are kept); empty when there is nothing to say
 */
public record ScheduledJob(
    String name,
    String schedule,
    ImageRef image,
    List<String> command,
    Map<String, EnvValue> env,
    List<SecretFile> secrets,
    PersistentData volume,
    Resources resources,
    ContainerSecurity security,
    int deadlineSeconds,
    List<String> connectsTo,
    String summary) {

  /**
   * Checks the name and schedule; copies the collections.
   *
   * @param name see {@link #name()}
   * @param schedule see {@link #schedule()}
   * @param image see {@link #image()}
   * @param command see {@link #command()}
   * @param env see {@link #env()}
   * @param secrets see {@link #secrets()}
   * @param volume see {@link #volume()}
   * @param resources see {@link #resources()}
   * @param security see {@link #security()}
   * @param deadlineSeconds see {@link #deadlineSeconds()}
   * @param connectsTo see {@link #connectsTo()}
   * @param summary see {@link #summary()}
   */
  public ScheduledJob {
    if (!Names.isDnsLabel(name)) {
      throw new IllegalArgumentException("job name \"" + name + "\" must be a DNS label");
    }
    String problem = CronSchedule.problem(schedule);
    if (problem != null) {
      throw new IllegalArgumentException(
          "job "
              + name
              + ": schedule \""
              + schedule
              + "\" is not one Kubernetes accepts: "
              + problem
              + "; "
              + CronSchedule.HINT);
    }
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(security, "security");
    command = List.copyOf(command);
    env = Collections.unmodifiableMap(new TreeMap<>(env));
    secrets = List.copyOf(secrets);
    connectsTo = List.copyOf(new TreeSet<>(connectsTo));
    summary = Objects.requireNonNullElse(summary, "");
    if (deadlineSeconds < 1) {
      throw new IllegalArgumentException("job " + name + ": deadline must be positive");
    }
  }
}
