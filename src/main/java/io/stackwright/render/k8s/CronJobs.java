package io.stackwright.render.k8s;

import io.stackwright.model.CronSchedule;
import io.stackwright.model.PersistentData;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Addresses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.Cron;
import org.cdk8s.CronOptions;
import org.cdk8s.plus33.ConcurrencyPolicy;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.CronJob;
import org.cdk8s.plus33.CronJobProps;
import org.cdk8s.plus33.EnvValue;
import org.cdk8s.plus33.ImagePullPolicy;
import org.cdk8s.plus33.PersistentVolumeAccessMode;
import org.cdk8s.plus33.PersistentVolumeClaim;
import org.cdk8s.plus33.PersistentVolumeClaimProps;
import org.cdk8s.plus33.RestartPolicy;
import software.constructs.Construct;

/**
 * Renders a {@link ScheduledJob} as a CronJob, with its own claim; the cross-cutting defaults
 * ({@link KubernetesEnricher}) add their part to it as to every workload (its hardening, labels,
 * network policy, secrets and resources). Runs never overlap, a stuck run is stopped at its
 * deadline, and the last three successes and failures are kept for inspection.
 */
final class CronJobs {
  private CronJobs() {}

  static void render(
      Construct chart,
      PlainObjects plain,
      StackModel stack,
      ServiceModel owner,
      ScheduledJob job,
      List<KubernetesEnricher> enrichers,
      PodValues values) {
    String id = Workloads.id(owner, "job-" + job.name());
    String name = owner.name() + "-" + job.name();
    Map<String, EnvValue> env = new TreeMap<>();
    Addresses.resolve(job.env(), host -> host + "." + stack.namespace() + ".svc")
        .forEach(
            (key, value) ->
                env.put(
                    key,
                    values.shared(
                        EnvValue.class, "literal", value, () -> EnvValue.fromValue(value))));
    ContainerProps.Builder container =
        ContainerProps.builder()
            .name(job.name())
            .image(job.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .command(job.command())
            .envVariables(env);
    WorkloadParts parts = new WorkloadParts("CronJob", name, plain, container, values);
    enrichers.forEach(enricher -> enricher.enrichJob(stack, owner, job, parts));
    PersistentData data = job.volume();
    if (data != null) {
      String claim = claim(chart, stack, owner, id, name, data, values);
      parts.mount(data.mountPath(), PodVolumes.claim(claim));
    }
    parts.setMounts("/spec/jobTemplate/spec/template/spec");
    CronJobProps.Builder props =
        CronJobProps.builder()
            .metadata(Workloads.metadata(stack, owner, name))
            .podMetadata(parts.podMetadata())
            .schedule(cron(job.schedule(), values))
            .timeZone("Etc/UTC")
            .concurrencyPolicy(ConcurrencyPolicy.FORBID)
            .startingDeadline(values.seconds(30 * 60))
            .activeDeadline(values.seconds(job.deadlineSeconds()))
            .backoffLimit(2)
            .successfulJobsRetained(3)
            .failedJobsRetained(3)
            .restartPolicy(RestartPolicy.NEVER)
            .select(false)
            .containers(List.of(parts.builtContainer()))
            .automountServiceAccountToken(false);
    if (parts.podSecurity() != null) {
      props.securityContext(parts.podSecurity());
    }
    new CronJob(chart, id, props.build());
  }

  /** Adds the job's own claim; returns its name. */
  private static String claim(
      Construct chart,
      StackModel stack,
      ServiceModel owner,
      String id,
      String name,
      PersistentData data,
      PodValues values) {
    PersistentVolumeClaimProps.Builder claim =
        PersistentVolumeClaimProps.builder()
            .metadata(Workloads.metadata(stack, owner, name))
            .storage(values.size(data.size()))
            .accessModes(List.of(PersistentVolumeAccessMode.READ_WRITE_ONCE));
    if (data.storageClass() != null) {
      claim.storageClassName(data.storageClass());
    }
    new PersistentVolumeClaim(chart, id + "-claim", claim.build());
    return name;
  }

  private static Cron cron(String schedule, PodValues values) {
    List<String> f = CronSchedule.fields(schedule);
    return values.shared(
        Cron.class,
        "schedule",
        f,
        () ->
            Cron.schedule(
                CronOptions.builder()
                    .minute(f.get(0))
                    .hour(f.get(1))
                    .day(f.get(2))
                    .month(f.get(3))
                    .weekDay(f.get(4))
                    .build()));
  }
}
