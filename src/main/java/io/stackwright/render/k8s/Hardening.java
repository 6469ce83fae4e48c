package io.stackwright.render.k8s;

import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Memory;
import io.stackwright.model.ServiceModel;
import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.Capability;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.ContainerSecurityContextProps;
import org.cdk8s.plus33.ContainerSecutiryContextCapabilities;
import org.cdk8s.plus33.EmptyDirMedium;
import org.cdk8s.plus33.EmptyDirVolumeOptions;
import org.cdk8s.plus33.FsGroupChangePolicy;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.SeccompProfile;
import org.cdk8s.plus33.SeccompProfileType;
import org.cdk8s.plus33.Volume;
import org.cdk8s.plus33.VolumeMount;

/**
 * Pod Security "restricted" for every pod: non-root, no privilege escalation, the capabilities the
 * model drops (all, by default), the runtime's default seccomp profile, a read-only root filesystem
 * with an {@code emptyDir} for each path that must be writable, and a namespace that enforces that
 * level. The twin of the policy rule {@code pod-security-restricted}, which checks the result.
 */
final class Hardening {
  private Hardening() {}

  /** Applies the hardening of {@code service} to its container. */
  static void apply(ServiceModel service, ContainerProps.Builder container) {
    container.securityContext(container(service.security()));
  }

  /** {@return the labels by which the namespace enforces, audits and warns at "restricted"} */
  static Map<String, String> namespaceLabels() {
    Map<String, String> labels = new TreeMap<>();
    for (String mode : List.of("enforce", "audit", "warn")) {
      labels.put("pod-security.kubernetes.io/" + mode, "restricted");
      labels.put(
          "pod-security.kubernetes.io/" + mode + "-version", KubernetesRenderer.KUBERNETES_VERSION);
    }
    return labels;
  }

  /** {@return the pod annotation giving why the root filesystem is writable, if it is} */
  static Map<String, String> podAnnotations(ServiceModel service) {
    return service.security().readOnlyRootFilesystem()
        ? Map.of()
        : Map.of(Labels.WRITABLE_ROOT, service.security().writableRootReason());
  }

  /** {@return an {@code emptyDir} mount for each path of {@code service} that must be writable} */
  static List<VolumeMount> writableMounts(ServiceModel service) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (String path : service.writablePaths()) {
      mounts.add(
          VolumeMount.builder()
              .path(path)
              .volume(emptyDir(volumeName(path), service.inMemory().get(path)))
              .build());
    }
    return mounts;
  }

  /** {@return the pod's security context: non-root, as the model's user and group} */
  static PodSecurityContextProps pod(ContainerSecurity security) {
    return PodSecurityContextProps.builder()
        .ensureNonRoot(true)
        .user(security.runAsUser())
        .group(security.runAsGroup())
        .fsGroup(security.runAsGroup())
        .fsGroupChangePolicy(FsGroupChangePolicy.ON_ROOT_MISMATCH)
        .build();
  }

  /** {@return the container's security context} */
  static ContainerSecurityContextProps container(ContainerSecurity security) {
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

  /** An {@code emptyDir} volume, on disk, or in memory up to {@code inMemory} when it is given. */
  static Volume emptyDir(String name, Memory inMemory) {
    if (inMemory == null) {
      return JsiiValues.volume(
          List.of("empty-dir", name), (scope, id) -> Volume.fromEmptyDir(scope, id, name));
    }
    return JsiiValues.volume(
        List.of("empty-dir", name, inMemory.mebibytes()),
        (scope, id) ->
            Volume.fromEmptyDir(
                scope,
                id,
                name,
                EmptyDirVolumeOptions.builder()
                    .medium(EmptyDirMedium.MEMORY)
                    .sizeLimit(RequestsAndLimits.size(inMemory))
                    .build()));
  }

  /** {@return a volume name for {@code path}: its letters and digits, joined by dashes} */
  static String volumeName(String path) {
    String name = path.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("^-|-$", "");
    return name.toLowerCase(Locale.ROOT);
  }
}
