package io.stackwright.render.enrich;

import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Memory;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.render.k8s.PodVolumes;
import io.stackwright.render.k8s.StackParts;
import io.stackwright.render.k8s.WorkloadParts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.Capability;
import org.cdk8s.plus33.ContainerSecurityContextProps;
import org.cdk8s.plus33.ContainerSecutiryContextCapabilities;
import org.cdk8s.plus33.FsGroupChangePolicy;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.SeccompProfile;
import org.cdk8s.plus33.SeccompProfileType;

/**
 * Every container confined as Pod Security "restricted" requires, on both targets, as the model's
 * {@link ContainerSecurity} says (by default {@link ContainerSecurity#DEFAULT}): a numeric non-root
 * user, every capability dropped, no privilege escalation, the runtime's seccomp profile, a
 * read-only root filesystem with a scratch volume for each path that must be writable (or, when the
 * service needs a writable root, its reason written beside it, {@value Labels#WRITABLE_ROOT}).
 *
 * <p>Kubernetes: the pod's and the container's {@code securityContext}, an {@code emptyDir} for
 * each writable path (a job's {@code /tmp} too), and a namespace that enforces, audits and warns at
 * "restricted". Compose: {@code user}, {@code read_only} with a {@code tmpfs} for each writable
 * path, {@code cap_drop: [ALL]} and {@code no-new-privileges}; a prober runs as {@code nobody} and
 * writes nothing.
 *
 * <p>Twin: rule {@code pod-security-restricted}, which checks every pod and every Compose service.
 */
final class Hardening implements Enricher {

  /** {@code nobody} in busybox's {@code /etc/passwd}: numeric, non-root, owning nothing. */
  private static final String PROBER_USER = "65534:65534";

  private static final String NO_NEW_PRIVILEGES = "no-new-privileges:true";

  private static final String SHARED_MEMORY = "/dev/shm";

  /** Docker's own size of {@code /dev/shm}. */
  private static final String DEFAULT_SHARED_MEMORY = "64m";

  @Override
  public String rule() {
    return "pod-security-restricted";
  }

  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {
    ContainerSecurity security = service.security();
    out.user(security.runAsUser() + ":" + security.runAsGroup());
    out.readOnly(security.readOnlyRootFilesystem());
    if (!security.readOnlyRootFilesystem()) {
      out.label(Labels.WRITABLE_ROOT, security.writableRootReason());
    }
    out.capDrop(security.droppedCapabilities());
    if (security.noNewPrivileges()) {
      out.securityOpt(NO_NEW_PRIVILEGES);
    }
    for (String path : service.writablePaths()) {
      Memory size = service.inMemory().get(path);
      if (path.equals(SHARED_MEMORY)) {
        // Docker mounts its own /dev/shm; Compose sizes it rather than mounting another.
        out.shmSize(size == null ? DEFAULT_SHARED_MEMORY : size.mebibytes() + "m");
      } else {
        out.tmpfs(size == null ? path : path + ":size=" + size.mebibytes() + "m");
      }
    }
  }

  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {
    prober.user(PROBER_USER);
    prober.readOnly(true);
    prober.capDrop(List.of("ALL"));
    prober.securityOpt(NO_NEW_PRIVILEGES);
  }

  /**
   * The namespace enforces, audits and warns at "restricted", so a pod that breaks it is refused.
   */
  @Override
  public void enrichStack(StackModel stack, StackParts out) {
    Map<String, String> labels = new TreeMap<>();
    for (String mode : List.of("enforce", "audit", "warn")) {
      labels.put("pod-security.kubernetes.io/" + mode, "restricted");
      labels.put(
          "pod-security.kubernetes.io/" + mode + "-version", KubernetesRenderer.KUBERNETES_VERSION);
    }
    out.namespaceLabels(labels);
  }

  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    ContainerSecurity security = service.security();
    out.container().securityContext(container(security));
    out.podSecurity(pod(security));
    if (!security.readOnlyRootFilesystem()) {
      out.podAnnotation(Labels.WRITABLE_ROOT, security.writableRootReason());
    }
    for (String path : service.writablePaths()) {
      out.mount(path, PodVolumes.emptyDir(volumeName(path), service.inMemory().get(path)));
    }
  }

  /** A job's pods are confined alike; what it writes besides its volume goes to {@code /tmp}. */
  @Override
  public void enrichJob(StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {
    out.container().securityContext(container(job.security()));
    out.podSecurity(pod(job.security()));
    out.mount("/tmp", PodVolumes.emptyDir("tmp", null));
  }

  /** The pod's security context: non-root, as the model's user and group. */
  private static PodSecurityContextProps pod(ContainerSecurity security) {
    return PodSecurityContextProps.builder()
        .ensureNonRoot(true)
        .user(security.runAsUser())
        .group(security.runAsGroup())
        .fsGroup(security.runAsGroup())
        .fsGroupChangePolicy(FsGroupChangePolicy.ON_ROOT_MISMATCH)
        .build();
  }

  private static ContainerSecurityContextProps container(ContainerSecurity security) {
    return ContainerSecurityContextProps.builder()
        .ensureNonRoot(true)
        .user(security.runAsUser())
        .group(security.runAsGroup())
        .readOnlyRootFilesystem(security.readOnlyRootFilesystem())
        .allowPrivilegeEscalation(!security.noNewPrivileges())
        .privileged(false)
        .capabilities(
            ContainerSecutiryContextCapabilities.builder()
                .drop(security.droppedCapabilities().stream().map(Capability::valueOf).toList())
                .build())
        .seccompProfile(SeccompProfile.builder().type(seccomp(security)).build())
        .build();
  }

  private static SeccompProfileType seccomp(ContainerSecurity security) {
    return switch (security.seccompProfile()) {
      case "RuntimeDefault" -> SeccompProfileType.RUNTIME_DEFAULT;
      default ->
          throw new IllegalStateException("no mapping for seccomp " + security.seccompProfile());
    };
  }

  /** A volume name for {@code path}: its letters and digits, joined by dashes. */
  static String volumeName(String path) {
    String name = path.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("^-|-$", "");
    return name.toLowerCase(Locale.ROOT);
  }
}
