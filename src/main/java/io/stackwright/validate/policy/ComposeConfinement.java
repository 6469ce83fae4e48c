package io.stackwright.validate.policy;

import io.stackwright.render.Labels;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Compose side of {@link PodSecurityRestricted}: every service confined as its pod is, since
 * nothing like a namespace's Pod Security admission refuses a loosened Compose service at {@code
 * up}. A non-root numeric user, a read-only root filesystem (unless the service gives its reason in
 * the {@value Labels#WRITABLE_ROOT} label, as its pod does in the annotation of that name), every
 * capability dropped and none added, no privilege escalation, the runtime's seccomp, AppArmor and
 * SELinux confinement, no host namespace, host path, device or unsafe sysctl, and published ports
 * on the loopback interface only. What of the host a service reaches is checked by {@link
 * ComposeHostAccess}.
 */
final class ComposeConfinement {

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
    violations.addAll(new ComposeHostAccess(file, compose, safeSysctls, name, service).check());
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
