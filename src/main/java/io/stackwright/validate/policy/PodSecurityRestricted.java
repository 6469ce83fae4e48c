package io.stackwright.validate.policy;

import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every control of the Pod Security Standards' "restricted" profile, baseline controls included, as
 * of Kubernetes v1.33: the namespace enforces that level, so a pod that breaks one would be refused
 * at apply time; this rule says so at synth time, naming the field.
 *
 * <p>Baseline: HostProcess, host namespaces, privileged containers, capabilities, HostPath volumes
 * (through the volume types below), host ports, AppArmor, SELinux, {@code /proc} mount type,
 * seccomp (not {@code Unconfined}), sysctls. Restricted: volume types, privilege escalation,
 * running as non-root, a non-zero user, seccomp ({@code RuntimeDefault} or {@code Localhost}),
 * capabilities (drop {@code ALL}, add at most {@code NET_BIND_SERVICE}). Pods with {@code
 * spec.os.name: windows} are exempt from the Linux-only restricted controls, as in the standard.
 *
 * <p>Compose services, which no admission controller checks, get the same controls in Compose's
 * terms, plus a read-only root filesystem and ports published on the loopback interface only (see
 * {@link ComposeConfinement}), so that a patch cannot loosen one target alone.
 */
final class PodSecurityRestricted implements PolicyRule {

  private static final Set<String> VOLUME_TYPES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  /** The baseline profile's allowed sysctls as of v1.33 (tcp_rmem and tcp_wmem since v1.32). */
  private static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes",
          "net.ipv4.tcp_rmem",
          "net.ipv4.tcp_wmem");

  private static final Set<String> BASELINE_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  private static final Set<String> SELINUX_TYPES =
      Set.of("container_t", "container_init_t", "container_kvm_t", "container_engine_t");

  private static final Set<String> SECCOMP_RESTRICTED = Set.of("RuntimeDefault", "Localhost");

  private static final String APPARMOR_ANNOTATION =
      "container.apparmor.security.beta.kubernetes.io/";

  @Override
  public String id() {
    return "pod-security-restricted";
  }

  @Override
  public String description() {
    return "Every pod meets the Pod Security Standards' restricted profile (Kubernetes v1.33), and"
        + " every Compose service the same confinement.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (PodTemplate pod : input.podTemplates()) {
      new PodCheck(pod, violations).run();
    }
    new ComposeConfinement(input, SAFE_SYSCTLS, SELINUX_TYPES, violations).run();
    return violations;
  }

  /** The checks of one pod, collecting into a shared list. */
  private static final class PodCheck {
    private final PodTemplate pod;
    private final List<Violation> violations;
    private final Map<String, Object> spec;
    private final Map<String, Object> podContext;
    private final String podContextPath;
    private final boolean windows;

    PodCheck(PodTemplate pod, List<Violation> violations) {
      this.pod = pod;
      this.violations = violations;
      this.spec = pod.spec();
      this.podContext = Nodes.map(spec, "securityContext");
      this.podContextPath = pod.path() + ".securityContext";
      this.windows = pod.isWindows();
    }

    void run() {
      hostNamespaces();
      volumes();
      sysctls();
      appArmorAnnotations();
      securityContext(podContext, podContextPath, "the pod");
      if (Nodes.isFalse(podContext, "runAsNonRoot")) {
        add(
            podContextPath + ".runAsNonRoot",
            "Running as Non-root: the pod sets runAsNonRoot: false; set it to true");
      }
      String podSeccomp = Nodes.text(podContext, "seccompProfile", "type");
      for (PodTemplate.Container container : pod.allContainers()) {
        container(container, podSeccomp);
      }
    }

    private void hostNamespaces() {
      for (String field : List.of("hostNetwork", "hostPID", "hostIPC")) {
        if (Nodes.isTrue(spec, field)) {
          add(
              pod.path() + "." + field,
              "Host Namespaces: "
                  + field
                  + ": true shares the node's namespace with the pod; remove it");
        }
      }
    }

    private void volumes() {
      List<?> volumes = Nodes.list(spec, "volumes");
      for (int i = 0; i < volumes.size(); i++) {
        for (String type : Nodes.map(volumes.get(i)).keySet()) {
          if (!type.equals("name") && !VOLUME_TYPES.contains(type)) {
            add(
                pod.path() + ".volumes[" + i + "]." + type,
                "Volume Types: volume "
                    + Nodes.text(volumes.get(i), "name")
                    + " is a "
                    + type
                    + " volume; restricted pods may only use "
                    + String.join(", ", new TreeSet<>(VOLUME_TYPES))
                    + " volumes");
          }
        }
      }
    }

    private void sysctls() {
      List<?> sysctls = Nodes.list(podContext, "sysctls");
      for (int i = 0; i < sysctls.size(); i++) {
        String name = Nodes.text(sysctls.get(i), "name");
        if (!SAFE_SYSCTLS.contains(name)) {
          add(
              podContextPath + ".sysctls[" + i + "].name",
              "Sysctls: "
                  + name
                  + " is not one of the safe, namespaced sysctls; remove it or use one of "
                  + String.join(", ", new TreeSet<>(SAFE_SYSCTLS)));
        }
      }
    }

    private void appArmorAnnotations() {
      pod.annotations()
          .forEach(
              (key, value) -> {
                String profile = String.valueOf(value);
                if (key.startsWith(APPARMOR_ANNOTATION)
                    && !profile.equals("runtime/default")
                    && !profile.startsWith("localhost/")) {
                  add(
                      pod.metadataPath() + ".annotations." + key,
                      "AppArmor: profile "
                          + profile
                          + " overrides the default; use runtime/default or a localhost/ profile");
                }
              });
    }

    /** The controls a pod's and a container's security context share. */
    private void securityContext(Map<String, Object> context, String path, String who) {
      if (Nodes.isTrue(context, "windowsOptions", "hostProcess")) {
        add(
            path + ".windowsOptions.hostProcess",
            "HostProcess: " + who + " runs as a Windows host process; remove hostProcess");
      }
      String appArmor = Nodes.text(context, "appArmorProfile", "type");
      if (appArmor != null && !appArmor.equals("RuntimeDefault") && !appArmor.equals("Localhost")) {
        add(
            path + ".appArmorProfile.type",
            "AppArmor: "
                + who
                + " sets profile type "
                + appArmor
                + "; use RuntimeDefault or Localhost");
      }
      Map<String, Object> seLinux = Nodes.map(context, "seLinuxOptions");
      String seLinuxType = Nodes.text(seLinux, "type");
      if (seLinuxType != null && !seLinuxType.isEmpty() && !SELINUX_TYPES.contains(seLinuxType)) {
        add(
            path + ".seLinuxOptions.type",
            "SELinux: "
                + who
                + " sets type "
                + seLinuxType
                + "; leave it unset or use one of "
                + String.join(", ", new TreeSet<>(SELINUX_TYPES)));
      }
      for (String field : List.of("user", "role")) {
        String value = Nodes.text(seLinux, field);
        if (value != null && !value.isEmpty()) {
          add(
              path + ".seLinuxOptions." + field,
              "SELinux: " + who + " sets an SELinux " + field + "; remove it");
        }
      }
      String seccomp = Nodes.text(context, "seccompProfile", "type");
      if (seccomp != null && !SECCOMP_RESTRICTED.contains(seccomp)) {
        add(
            path + ".seccompProfile.type",
            "Seccomp: " + who + " sets " + seccomp + "; use RuntimeDefault or Localhost");
      }
      Long user = Nodes.integer(context, "runAsUser");
      if (user != null && user == 0) {
        add(
            path + ".runAsUser",
            "Running as Non-root user: " + who + " runs as user 0 (root); use a non-zero user id");
      }
    }

    private boolean hasWritableRootReason() {
      Object reason = pod.annotations().get(Labels.WRITABLE_ROOT);
      return reason instanceof String text && !text.isBlank();
    }

    private void container(PodTemplate.Container container, String podSeccomp) {
      Map<String, Object> context = Nodes.map(container.body(), "securityContext");
      String path = container.field("securityContext");
      String who = "container " + container.name();
      securityContext(context, path, who);
      if (Nodes.isTrue(context, "privileged")) {
        add(path + ".privileged", "Privileged Containers: " + who + " is privileged; remove it");
      }
      String procMount = Nodes.text(context, "procMount");
      if (procMount != null && !procMount.equals("Default")) {
        add(
            path + ".procMount",
            "/proc Mount Type: " + who + " sets procMount " + procMount + "; use Default");
      }
      List<?> ports = Nodes.list(container.body(), "ports");
      for (int i = 0; i < ports.size(); i++) {
        Long hostPort = Nodes.integer(ports.get(i), "hostPort");
        if (hostPort != null && hostPort != 0) {
          add(
              container.field("ports[" + i + "].hostPort"),
              "Host Ports: " + who + " binds node port " + hostPort + "; use a Service instead");
        }
      }
      capabilities(context, path, who);
      // Beyond the standard, as on Compose (read_only): a writable root takes a stated reason, so
      // that a patch cannot quietly make one writable. Windows pods cannot set it.
      if (!windows
          && !Nodes.isTrue(context, "readOnlyRootFilesystem")
          && !hasWritableRootReason()) {
        add(
            path + ".readOnlyRootFilesystem",
            "Read-only root filesystem: "
                + who
                + " can write to its root filesystem; set readOnlyRootFilesystem: true and mount"
                + " an emptyDir where it writes, or give the reason in the pod annotation "
                + Labels.WRITABLE_ROOT);
      }
      if (!windows) {
        if (!Nodes.isFalse(context, "allowPrivilegeEscalation")) {
          add(
              path + ".allowPrivilegeEscalation",
              "Privilege Escalation: " + who + " must set allowPrivilegeEscalation: false");
        }
        if (Nodes.text(context, "seccompProfile", "type") == null && podSeccomp == null) {
          add(
              path + ".seccompProfile.type",
              "Seccomp: "
                  + who
                  + " has no seccomp profile; set seccompProfile.type: RuntimeDefault on the pod"
                  + " or on every container");
        }
      }
      if (Nodes.isFalse(context, "runAsNonRoot")) {
        add(
            path + ".runAsNonRoot",
            "Running as Non-root: " + who + " sets runAsNonRoot: false; set it to true");
      } else if (Nodes.at(context, "runAsNonRoot") == null
          && !Nodes.isTrue(podContext, "runAsNonRoot")) {
        add(
            path + ".runAsNonRoot",
            "Running as Non-root: "
                + who
                + " may run as root; set runAsNonRoot: true on the pod or on every container");
      }
    }

    private void capabilities(Map<String, Object> context, String path, String who) {
      List<?> added = Nodes.list(context, "capabilities", "add");
      for (int i = 0; i < added.size(); i++) {
        String capability = String.valueOf(added.get(i));
        boolean allowed =
            windows
                ? BASELINE_CAPABILITIES.contains(capability)
                : capability.equals("NET_BIND_SERVICE");
        if (!allowed) {
          add(
              path + ".capabilities.add[" + i + "]",
              "Capabilities: "
                  + who
                  + " adds "
                  + capability
                  + "; restricted pods may add only NET_BIND_SERVICE");
        }
      }
      if (!windows && !Nodes.list(context, "capabilities", "drop").contains("ALL")) {
        add(
            path + ".capabilities.drop",
            "Capabilities: " + who + " must drop ALL capabilities (capabilities.drop: [ALL])");
      }
    }

    private void add(String field, String message) {
      violations.add(Violation.of(pod.owner(), field, message));
    }
  }
}
