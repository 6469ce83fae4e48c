package io.stackwright.render.compose;

import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Memory;
import io.stackwright.model.ServiceModel;
import io.stackwright.render.Labels;
import java.util.List;

/**
 * Confines every Compose service the way its pod is confined, which rule {@code
 * pod-security-restricted} checks: a numeric non-root {@code user}, a {@code read_only} root
 * filesystem with a {@code tmpfs} for each writable path (or, when the service needs a writable
 * root, its reason in the {@value Labels#WRITABLE_ROOT} label), {@code cap_drop: [ALL]} and {@code
 * no-new-privileges}. A prober runs as {@code nobody} and writes nothing.
 */
final class ComposeHardening implements ComposeEnricher {

  /** {@code nobody} in busybox's {@code /etc/passwd}: numeric, non-root, owning nothing. */
  static final String PROBER_USER = "65534:65534";

  private static final String NO_NEW_PRIVILEGES = "no-new-privileges:true";

  private static final String SHARED_MEMORY = "/dev/shm";

  /** Docker's own size of {@code /dev/shm}. */
  private static final String DEFAULT_SHARED_MEMORY = "64m";

  @Override
  public String rule() {
    return "pod-security-restricted";
  }

  @Override
  public void enrich(ServiceModel service, ComposeService.Builder out) {
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
  public void enrichProber(ServiceModel service, ComposeService.Builder prober) {
    prober.user(PROBER_USER);
    prober.readOnly(true);
    prober.capDrop(List.of("ALL"));
    prober.securityOpt(NO_NEW_PRIVILEGES);
  }
}
