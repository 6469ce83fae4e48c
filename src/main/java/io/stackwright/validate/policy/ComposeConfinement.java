package io.stackwright.validate.policy;

import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The Compose side of {@link PodSecurityRestricted}: every service confined as its pod is, since
 * nothing like a namespace's Pod Security admission refuses a loosened Compose service at {@code
 * up}. A non-root numeric user, a read-only root filesystem (unless the service gives its reason in
 * the {@value Labels#WRITABLE_ROOT} label, as its pod does in the annotation of that name), every
 * capability dropped and none added, no privilege escalation, the runtime's seccomp, AppArmor and
 * SELinux confinement, no host namespace, host path, device or unsafe sysctl, and published ports
 * on the loopback interface only.
 */
final class ComposeConfinement {

  private static final Set<String> HOST_NAMESPACES =
      Set.of("network_mode", "pid", "ipc", "uts", "userns_mode", "cgroup");

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1");

  private static final Set<String> MOUNT_TYPES = Set.of("volume", "tmpfs");

  /** What Docker's {@code strconv.ParseBool} reads as true or false, for interpolated booleans. */
  private static final Set<String> TRUE = Set.of("1", "t", "true");

  private static final Set<String> FALSE = Set.of("0", "f", "false");

  private final String file;
  private final Map<String, Object> compose;
  private final Set<String> safeSysctls;
  private final Set<String> seLinuxTypes;
  private final List<Violation> violations;

  ComposeConfinement(
      PolicyInput input,
      Set<String> safeSysctls,
      Set<String> seLinuxTypes,
      List<Violation> violations) {
    this.file = input.composeFile();
    this.compose = input.compose();
    this.safeSysctls = safeSysctls;
    this.seLinuxTypes = seLinuxTypes;
    this.violations = violations;
  }

  void run() {
    Map<String, Object> services = Nodes.map(compose, "services");
    for (Map.Entry<String, Object> entry : services.entrySet()) {
      service(entry.getKey(), Nodes.map(entry.getValue()));
    }
  }

  private void service(String name, Map<String, Object> service) {
    String who = "service " + name;
    if (!isFalse(service.get("privileged"))) {
      add(name, "privileged", "Privileged Containers: " + who + " is privileged; remove it");
    }
    user(name, service, who);
    readOnly(name, service, who);
    capabilities(name, service, who);
    securityOptions(name, service, who);
    for (String field : new TreeSet<>(HOST_NAMESPACES)) {
      String value = Nodes.text(service, field);
      if (value != null
          && (value.equalsIgnoreCase("host")
              || value.toLowerCase(Locale.ROOT).startsWith("container:"))) {
        add(
            name,
            field,
            "Host Namespaces: "
                + who
                + " sets "
                + field
                + ": "
                + value
                + ", sharing a namespace the gate cannot see confined; remove it (another service"
                + " of the file: service:<name>)");
      }
    }
    hostNetworks(name, service, who);
    volumes(name, service, who);
    for (String field : List.of("devices", "device_cgroup_rules")) {
      if (!Nodes.isEmpty(service.get(field))) {
        add(
            name,
            field,
            "Host devices: " + who + " reaches host devices through " + field + "; remove it");
      }
    }
    sysctls(name, service, who);
    ports(name, service, who);
  }

  /**
   * The host's network reached through a network of the file: one that is the host's by name (an
   * external network called {@code host}) or by driver.
   */
  private void hostNetworks(String name, Map<String, Object> service, String who) {
    for (String network : names(service.get("networks"), item -> item)) {
      Map<String, Object> declared = Nodes.map(compose, "networks", network);
      if ("host".equals(Nodes.text(declared, "name"))
          || "host".equals(Nodes.text(declared, "driver"))) {
        add(
            name,
            "networks",
            "Host Namespaces: "
                + who
                + " joins the host's network through network "
                + network
                + "; use a network of the file's own");
      }
    }
  }

  private void user(String name, Map<String, Object> service, String who) {
    String user = Nodes.text(service, "user");
    if (user == null || user.isBlank()) {
      add(
          name,
          "user",
          "Running as Non-root user: "
              + who
              + " sets no user, so it runs as the image's, often root; set user: <uid>:<gid> with a"
              + " non-zero numeric uid, e.g. 10001:10001");
      return;
    }
    String uid = user.split(":", 2)[0];
    if (!uid.matches("[0-9]+") || uid.matches("0+")) {
      add(
          name,
          "user",
          "Running as Non-root user: "
              + who
              + " runs as user "
              + user
              + "; use a numeric, non-zero user id (a name cannot be checked to be non-root)");
    }
  }

  private void readOnly(String name, Map<String, Object> service, String who) {
    if (isTrue(service.get("read_only"))) {
      return;
    }
    String reason = label(service, Labels.WRITABLE_ROOT);
    if (reason == null || reason.isBlank()) {
      add(
          name,
          "read_only",
          "Read-only root filesystem: "
              + who
              + " may write to its root filesystem; set read_only: true with a tmpfs for each"
              + " writable path, or give the reason in the label "
              + Labels.WRITABLE_ROOT);
    }
  }

  private void capabilities(String name, Map<String, Object> service, String who) {
    List<?> added = Nodes.list(service, "cap_add");
    for (int i = 0; i < added.size(); i++) {
      add(
          name,
          "cap_add[" + i + "]",
          "Capabilities: " + who + " adds " + added.get(i) + "; remove cap_add");
    }
    if (!Nodes.isEmpty(service.get("cap_add")) && added.isEmpty()) {
      add(name, "cap_add", "Capabilities: " + who + " adds capabilities; remove cap_add");
    }
    boolean dropsAll =
        Nodes.list(service, "cap_drop").stream()
            .anyMatch(c -> String.valueOf(c).equalsIgnoreCase("ALL"));
    if (!dropsAll) {
      add(
          name,
          "cap_drop",
          "Capabilities: " + who + " must drop ALL capabilities (cap_drop: [ALL])");
    }
  }

  private void securityOptions(String name, Map<String, Object> service, String who) {
    List<?> options = Nodes.list(service, "security_opt");
    boolean noNewPrivileges = false;
    for (int i = 0; i < options.size(); i++) {
      String option = String.valueOf(options.get(i)).trim();
      String[] parts = option.split("[:=]", 2);
      String key = parts[0].toLowerCase(Locale.ROOT);
      String value = parts.length > 1 ? parts[1] : "";
      String field = "security_opt[" + i + "]";
      switch (key) {
        case "no-new-privileges" -> {
          if (value.isEmpty() || isTrue(value)) {
            noNewPrivileges = true;
          } else {
            add(
                name,
                field,
                "Privilege Escalation: " + who + " allows it (" + option + "); remove it");
          }
        }
        case "seccomp", "apparmor" -> {
          if (value.equalsIgnoreCase("unconfined")) {
            add(
                name,
                field,
                (key.equals("seccomp") ? "Seccomp: " : "AppArmor: ")
                    + who
                    + " runs "
                    + key
                    + " unconfined; remove "
                    + option
                    + " to keep the runtime's default profile");
          }
        }
        case "label" -> seLinux(name, field, option, value, who);
        case "systempaths" -> {
          if (value.equalsIgnoreCase("unconfined")) {
            add(
                name,
                field,
                "/proc Mount Type: " + who + " unmasks /proc and /sys paths; remove " + option);
          }
        }
        default -> {
          // Other options (a custom seccomp profile file, an AppArmor profile) confine.
        }
      }
    }
    if (!noNewPrivileges) {
      add(
          name,
          "security_opt",
          "Privilege Escalation: "
              + who
              + " must set security_opt: [no-new-privileges:true], so that setuid binaries cannot"
              + " gain privileges");
    }
  }

  private void seLinux(String name, String field, String option, String value, String who) {
    String[] parts = value.split(":", 2);
    String what = parts[0].toLowerCase(Locale.ROOT);
    if (what.equals("disable")) {
      add(name, field, "SELinux: " + who + " disables SELinux separation; remove " + option);
    } else if (what.equals("type") && parts.length > 1 && !seLinuxTypes.contains(parts[1])) {
      add(
          name,
          field,
          "SELinux: "
              + who
              + " sets type "
              + parts[1]
              + "; leave it unset or use one of "
              + String.join(", ", new TreeSet<>(seLinuxTypes)));
    } else if (what.equals("user") || what.equals("role")) {
      add(name, field, "SELinux: " + who + " sets an SELinux " + what + "; remove it");
    }
  }

  private void volumes(String name, Map<String, Object> service, String who) {
    List<?> volumes = Nodes.list(service, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      Object volume = volumes.get(i);
      String field = "volumes[" + i + "]";
      String hostPath = null;
      if (volume instanceof Map<?, ?>) {
        String type = Nodes.text(volume, "type");
        if (type == null || !MOUNT_TYPES.contains(type)) {
          hostPath =
              (type == null ? "mount without a type" : type + " mount")
                  + " of "
                  + Nodes.text(volume, "source");
        } else if (type.equals("volume")) {
          hostPath = boundVolume(Nodes.text(volume, "source"));
        }
      } else {
        String[] parts = String.valueOf(volume).split(":");
        if (parts.length > 1) {
          String source = parts[0];
          hostPath = isPath(source) ? "host path " + source : boundVolume(source);
        }
      }
      if (hostPath != null) {
        add(
            name,
            field,
            "Volume Types: "
                + who
                + " mounts a "
                + hostPath
                + "; use a named volume, a tmpfs, a config or a secret");
      }
    }
    for (Object from : Nodes.list(service, "volumes_from")) {
      if (String.valueOf(from).startsWith("container:")) {
        add(
            name,
            "volumes_from",
            "Volume Types: "
                + who
                + " takes the volumes of "
                + from
                + ", outside the file; use a named volume");
      }
    }
  }

  /** Compose reads a short-syntax source as a host path when it looks like one. */
  private static boolean isPath(String source) {
    return source.startsWith("/")
        || source.startsWith(".")
        || source.startsWith("~")
        || source.startsWith("$")
        || source.contains("/")
        || source.contains("\\");
  }

  /** {@code "host path <device>"} when a named volume is a bind mount in disguise, or null. */
  private String boundVolume(String source) {
    if (source == null) {
      return null;
    }
    Map<String, Object> options = Nodes.map(compose, "volumes", source, "driver_opts");
    String mount = Nodes.text(options, "o");
    if (mount != null
        && List.of(mount.split(",")).stream()
            .map(String::trim)
            .anyMatch(option -> option.equals("bind") || option.equals("rbind"))) {
      return "host path " + Nodes.text(options, "device") + " (volume " + source + " binds it)";
    }
    return null;
  }

  /**
   * The names a Compose field gives in either of its forms: the keys of a mapping, or the items of
   * a list, each read with {@code fromItem} (such as {@code name=value} for sysctls).
   */
  private static List<String> names(Object field, Function<String, String> fromItem) {
    List<String> names = new ArrayList<>();
    if (field instanceof Map<?, ?> map) {
      map.keySet().forEach(key -> names.add(String.valueOf(key)));
    } else {
      Nodes.list(field).forEach(item -> names.add(fromItem.apply(String.valueOf(item))));
    }
    return names;
  }

  private void sysctls(String name, Map<String, Object> service, String who) {
    List<String> names = names(service.get("sysctls"), item -> item.split("=", 2)[0].trim());
    for (String sysctl : names) {
      if (!safeSysctls.contains(sysctl)) {
        add(
            name,
            "sysctls." + sysctl,
            "Sysctls: "
                + sysctl
                + " is not one of the safe, namespaced sysctls; remove it or use one of "
                + String.join(", ", new TreeSet<>(safeSysctls)));
      }
    }
  }

  private void ports(String name, Map<String, Object> service, String who) {
    List<?> ports = Nodes.list(service, "ports");
    for (int i = 0; i < ports.size(); i++) {
      Object port = ports.get(i);
      String address =
          port instanceof Map<?, ?>
              ? Nodes.text(port, "host_ip")
              : hostAddress(String.valueOf(port));
      if (address == null || !LOOPBACK.contains(address)) {
        add(
            name,
            "ports[" + i + "]",
            "Host Ports: "
                + who
                + " publishes "
                + (port instanceof Map<?, ?> ? "a port" : port)
                + (address == null ? " on every interface" : " on " + address)
                + "; publish on 127.0.0.1 only (127.0.0.1:<host port>:<container port>)");
      }
    }
  }

  /**
   * The host address of a short-syntax port ({@code [ip:][host:]container[/protocol]}), or null.
   */
  static String hostAddress(String port) {
    String spec = port.split("/", 2)[0];
    if (spec.startsWith("[")) {
      int end = spec.indexOf(']');
      return end < 0 ? spec : spec.substring(1, end);
    }
    int last = spec.lastIndexOf(':');
    int before = last < 0 ? -1 : spec.lastIndexOf(':', last - 1);
    return before < 0 ? null : spec.substring(0, before);
  }

  private static String label(Map<String, Object> service, String key) {
    Object labels = service.get("labels");
    if (labels instanceof Map<?, ?> map) {
      Object value = map.get(key);
      return value == null ? null : String.valueOf(value);
    }
    for (Object item : Nodes.list(labels)) {
      String[] parts = String.valueOf(item).split("=", 2);
      if (parts[0].equals(key)) {
        return parts.length > 1 ? parts[1] : "";
      }
    }
    return null;
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value)
        || (value instanceof String text && TRUE.contains(text.toLowerCase(Locale.ROOT)));
  }

  private static boolean isFalse(Object value) {
    return value == null
        || Boolean.FALSE.equals(value)
        || (value instanceof String text && FALSE.contains(text.toLowerCase(Locale.ROOT)));
  }

  private void add(String service, String field, String message) {
    violations.add(
        new Violation(
            file, "ComposeService/" + service, "services." + service + "." + field, message));
  }
}
