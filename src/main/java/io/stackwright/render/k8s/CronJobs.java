package io.stackwright.render.k8s;

import io.stackwright.model.CronSchedule;
import io.stackwright.model.PersistentData;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Addresses;
import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Cron;
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
import org.cdk8s.plus33.Volume;
import org.cdk8s.plus33.VolumeMount;
import software.constructs.Construct;

/**
 * Renders a {@link ScheduledJob} as a CronJob hardened like every pod, with its own claim and
 * network policy. Runs never overlap, a stuck run is stopped at its deadline, and the last three
 * successes and failures are kept for inspection.
 */
final class CronJobs {
  private CronJobs() {}

  static void render(
      Construct chart, PlainObjects plain, StackModel stack, ServiceModel owner, ScheduledJob job) {
    String id = Workloads.id(owner, "job-" + job.name());
    String name = owner.name() + "-" + job.name();
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(VolumeMount.builder().path("/tmp").volume(Hardening.emptyDir("tmp", null)).build());
    mounts.addAll(Secrets.mounts(job.secrets()));
    PersistentData data = job.volume();
    if (data != null) {
      PersistentVolumeClaimProps.Builder claim =
          PersistentVolumeClaimProps.builder()
              .metadata(PodSelectors.metadata(stack, owner, name))
              .storage(RequestsAndLimits.size(data.size()))
              .accessModes(List.of(PersistentVolumeAccessMode.READ_WRITE_ONCE));
      if (data.storageClass() != null) {
        claim.storageClassName(data.storageClass());
      }
      PersistentVolumeClaim pvc = new PersistentVolumeClaim(chart, id + "-claim", claim.build());
      mounts.add(
          VolumeMount.builder()
              .path(data.mountPath())
              .volume(
                  JsiiValues.volume(
                      List.of("claim", name),
                      (scope, volumeId) -> Volume.fromPersistentVolumeClaim(scope, volumeId, pvc)))
              .build());
    }
    Map<String, EnvValue> env = new TreeMap<>();
    Addresses.resolve(job.env(), host -> host + "." + stack.namespace() + ".svc")
        .forEach((key, value) -> env.put(key, JsiiValues.envValue(value)));
    ContainerProps container =
        ContainerProps.builder()
            .name(job.name())
            .image(job.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .command(job.command())
            .envVariables(env)
            .volumeMounts(mounts)
            .resources(RequestsAndLimits.of(job.resources()))
            .securityContext(Hardening.container(job.security()))
            .build();
    new CronJob(
        chart,
        id,
        CronJobProps.builder()
            .metadata(PodSelectors.metadata(stack, owner, name))
            .podMetadata(
                ApiObjectMetadata.builder().labels(Labels.ofJob(stack, owner, job)).build())
            .schedule(cron(job.schedule()))
            .timeZone("Etc/UTC")
            .concurrencyPolicy(ConcurrencyPolicy.FORBID)
            .startingDeadline(JsiiValues.minutes(30))
            .activeDeadline(JsiiValues.seconds(job.deadlineSeconds()))
            .backoffLimit(2)
            .successfulJobsRetained(3)
            .failedJobsRetained(3)
            .restartPolicy(RestartPolicy.NEVER)
            .select(false)
            .containers(List.of(container))
            .securityContext(Hardening.pod(job.security()))
            .automountServiceAccountToken(false)
            .build());
    NetworkPolicies.addFor(plain, stack, owner, job);
  }

  private static Cron cron(String schedule) {
    List<String> f = CronSchedule.fields(schedule);
    return JsiiValues.cron(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4));
  }
}
