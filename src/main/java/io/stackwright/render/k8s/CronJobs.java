package io.stackwright.render.k8s;

import io.stackwright.model.PersistentData;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
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
import org.cdk8s.CronOptions;
import org.cdk8s.plus33.ConcurrencyPolicy;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.CronJob;
import org.cdk8s.plus33.CronJobProps;
import org.cdk8s.plus33.EnvValue;
import org.cdk8s.plus33.ISecret;
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
      Construct chart,
      PlainObjects plain,
      StackModel stack,
      ServiceModel owner,
      ScheduledJob job,
      Map<String, ISecret> secrets) {
    // A scope of its own, so that its volumes may share names with the service's.
    Construct scope = new Construct(chart, "job-" + job.name());
    String name = owner.name() + "-" + job.name();
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(
        VolumeMount.builder()
            .path("/tmp")
            .volume(Volume.fromEmptyDir(scope, "tmp", "tmp"))
            .build());
    for (SecretFile file : job.secrets()) {
      mounts.add(KubernetesRenderer.secretMount(scope, file, secrets));
    }
    PersistentData data = job.volume();
    if (data != null) {
      PersistentVolumeClaimProps.Builder claim =
          PersistentVolumeClaimProps.builder()
              .metadata(ApiObjectMetadata.builder().name(name).build())
              .storage(KubernetesRenderer.size(data.size()))
              .accessModes(List.of(PersistentVolumeAccessMode.READ_WRITE_ONCE));
      if (data.storageClass() != null) {
        claim.storageClassName(data.storageClass());
      }
      PersistentVolumeClaim pvc = new PersistentVolumeClaim(scope, "claim", claim.build());
      mounts.add(
          VolumeMount.builder()
              .path(data.mountPath())
              .volume(Volume.fromPersistentVolumeClaim(scope, "volume", pvc))
              .build());
    }
    Map<String, EnvValue> env = new TreeMap<>();
    Addresses.resolve(job.env(), host -> host + "." + stack.namespace() + ".svc")
        .forEach((key, value) -> env.put(key, EnvValue.fromValue(value)));
    ContainerProps container =
        ContainerProps.builder()
            .name(job.name())
            .image(job.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .command(job.command())
            .envVariables(env)
            .volumeMounts(mounts)
            .resources(KubernetesRenderer.resources(job.resources()))
            .securityContext(KubernetesRenderer.securityContext(job.security()))
            .build();
    new CronJob(
        scope,
        "cron-job",
        CronJobProps.builder()
            .metadata(ApiObjectMetadata.builder().name(name).build())
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
            .securityContext(KubernetesRenderer.podSecurity(job.security()))
            .automountServiceAccountToken(false)
            .build());
    plain.add(
        "networking.k8s.io/v1",
        "NetworkPolicy",
        name,
        Map.of("spec", NetworkPolicies.forJob(stack, owner, job)));
  }

  private static Cron cron(String schedule) {
    String[] f = schedule.trim().split("\\s+");
    return Cron.schedule(
        CronOptions.builder().minute(f[0]).hour(f[1]).day(f[2]).month(f[3]).weekDay(f[4]).build());
  }
}
