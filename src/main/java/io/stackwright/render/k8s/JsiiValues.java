package io.stackwright.render.k8s;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.Cron;
import org.cdk8s.CronOptions;
import org.cdk8s.Duration;
import org.cdk8s.Size;
import org.cdk8s.plus33.Cpu;
import org.cdk8s.plus33.DeploymentStrategy;
import org.cdk8s.plus33.DeploymentStrategyRollingUpdateOptions;
import org.cdk8s.plus33.EnvValue;
import org.cdk8s.plus33.ISecret;
import org.cdk8s.plus33.Metric;
import org.cdk8s.plus33.MetricTarget;
import org.cdk8s.plus33.PercentOrAbsolute;
import org.cdk8s.plus33.Probe;
import org.cdk8s.plus33.Secret;
import org.cdk8s.plus33.SecretProps;
import org.cdk8s.plus33.Volume;
import software.constructs.Construct;

/**
 * The immutable cdk8s values the renderer uses (durations, sizes, CPU quantities, probes, rollout
 * strategies, autoscaling metrics, literal environment values, cron schedules, pod volumes and the
 * Secrets they read), made once per value and reused by every object, chart and environment of the
 * process.
 *
 * <p>Each of these is an object in the jsii kernel: making one costs two round trips to the Node.js
 * child (the call, then the jsii runtime asking for the module's names to wrap the result), about
 * half a millisecond each, and the same few values recur in every service. Reusing them removes
 * about a third of a synth's round trips. Sharing them changes nothing in the output: the values
 * hold no reference to a construct, and a volume, though a construct, gives a pod only its name and
 * source, which are its key here.
 */
final class JsiiValues {
  private static final Map<Object, Object> VALUES = new ConcurrentHashMap<>();
  // Ids of the constructs in the shared scope: never a second one, even when two threads race.
  private static final AtomicInteger IDS = new AtomicInteger();
  private static App scope;
  private static Chart references;

  private JsiiValues() {}

  /** A duration of whole seconds. */
  static Duration seconds(int seconds) {
    return value(new Key("seconds", seconds), k -> Duration.seconds(seconds));
  }

  /** A duration of whole minutes. */
  static Duration minutes(int minutes) {
    return value(new Key("minutes", minutes), k -> Duration.minutes(minutes));
  }

  /** A size in mebibytes. */
  static Size mebibytes(long mebibytes) {
    return value(new Key("mebibytes", mebibytes), k -> Size.mebibytes(mebibytes));
  }

  /** A size in gibibytes. */
  static Size gibibytes(long gibibytes) {
    return value(new Key("gibibytes", gibibytes), k -> Size.gibibytes(gibibytes));
  }

  /** A CPU quantity in millicores. */
  static Cpu millis(long millis) {
    return value(new Key("cpu-millis", millis), k -> Cpu.millis(millis));
  }

  /** An absolute number, e.g. of pods during a rollout. */
  static PercentOrAbsolute absolute(int number) {
    return value(new Key("absolute", number), k -> PercentOrAbsolute.absolute(number));
  }

  /** A rolling update that adds {@code maxSurge} pods at a time and never has fewer ready. */
  static DeploymentStrategy rollingUpdate(int maxSurge, int maxUnavailable) {
    return value(
        new Key("rolling-update", List.of(maxSurge, maxUnavailable)),
        k ->
            DeploymentStrategy.rollingUpdate(
                DeploymentStrategyRollingUpdateOptions.builder()
                    .maxSurge(absolute(maxSurge))
                    .maxUnavailable(absolute(maxUnavailable))
                    .build()));
  }

  /** An autoscaling metric: the pods' average CPU use, in percent of their requests. */
  static Metric cpuUtilization(int percent) {
    return value(
        new Key("cpu-utilization", percent),
        k -> Metric.resourceCpu(MetricTarget.averageUtilization(percent)));
  }

  /** A literal value of an environment variable. */
  static EnvValue envValue(String value) {
    return value(new Key("env-value", value), k -> EnvValue.fromValue(value));
  }

  /** A cron schedule of the five fields of a crontab line, in their order there. */
  static Cron cron(String minute, String hour, String day, String month, String weekDay) {
    return value(
        new Key("cron", List.of(minute, hour, day, month, weekDay)),
        k ->
            Cron.schedule(
                CronOptions.builder()
                    .minute(minute)
                    .hour(hour)
                    .day(day)
                    .month(month)
                    .weekDay(weekDay)
                    .build()));
  }

  /**
   * A pod volume, made by {@code make} the first time {@code key} is seen, in a scope of its own
   * that no chart synthesizes.
   *
   * @param key the volume's name and every setting of its source, so that equal keys mean equal
   *     volumes
   * @param make makes the volume from the scope and a construct id unique in it
   */
  static Volume volume(Object key, BiFunction<Construct, String, Volume> make) {
    return value(
        new Key("volume", key), k -> make.apply(scope(), "volume-" + IDS.incrementAndGet()));
  }

  /**
   * A reference to the Secret {@code name}, for a volume to read it from. It is a Secret object in
   * a chart that is never synthesized: making one costs one round trip, where {@code
   * Secret.fromSecretName} costs two.
   */
  static ISecret secret(String name) {
    return value(
        new Key("secret", name),
        k ->
            new Secret(
                references(),
                "secret-" + IDS.incrementAndGet(),
                SecretProps.builder()
                    .metadata(ApiObjectMetadata.builder().name(name).build())
                    .build()));
  }

  /** The root of the shared volumes and references, which no chart of a stack belongs to. */
  private static synchronized App scope() {
    if (scope == null) {
      scope = new App();
    }
    return scope;
  }

  private static synchronized Chart references() {
    if (references == null) {
      references = new Chart(scope(), "references");
    }
    return references;
  }

  /**
   * A probe, made by {@code make} the first time {@code key} is seen.
   *
   * @param key every setting of the probe, so that equal keys mean equal probes
   */
  static Probe probe(Object key, Function<Object, Probe> make) {
    return value(new Key("probe", key), k -> make.apply(key));
  }

  @SuppressWarnings("unchecked")
  private static <T> T value(Key key, Function<Key, T> make) {
    Object value = VALUES.get(key);
    if (value == null) {
      // Not computeIfAbsent: making a value calls into jsii, which must not run inside the map.
      value = make.apply(key);
      Object raced = VALUES.putIfAbsent(key, value);
      if (raced != null) {
        value = raced;
      }
    }
    return (T) value;
  }

  private record Key(String kind, Object value) {}
}
