package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What of the host a Compose service reaches, for {@link ComposeConfinement}: a host namespace
 * (directly or through a network that is the host's), a host path (directly or through a named
 * volume that binds one), a host device, an unsafe sysctl, or a port published beyond the loopback
 * interface.
 */
final class ComposeHostAccess {

  private static final Set<String> HOST_NAMESPACES =
      Set.of("network_mode", "pid", "ipc", "uts", "userns_mode", "cgroup");

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1");

  private static final Set<String> MOUNT_TYPES = Set.of("volume", "tmpfs");

  private final String file;
  private final Map<String, Object> compose;
  private final Set<String> safeSysctls;
  private final String name;
  private final Map<String, Object> service;
  private final String who;
  private final List<Violation> violations = new ArrayList<>();

  /**
   * @param file the Compose file's path
   * @param compose the Compose file
   * @param safeSysctls the sysctls a service may set
   * @param name the service's name
   * @param service the service
   */
  ComposeHostAccess(
      String file,
      Map<String, Object> compose,
      Set<String> safeSysctls,
      String name,
      Map<String, Object> service) {
    this.file = file;
    this.compose = compose;
    this.safeSysctls = safeSysctls;
    this.name = name;
    this.service = service;
    this.who = "service " + name;
  }

  /** {@return every way the service reaches the host, as violations} */
  List<Violation> check() {
    namespaces();
    hostNetworks();
    volumes();
    devices();
    sysctls();
    ports();
    return List.copyOf(violations);
  }

  private void namespaces() {
    for (String field : new TreeSet<>(HOST_NAMESPACES)) {
      String value = Nodes.text(service, field);
      if (value != null
          && (value.equalsIgnoreCase("host")
              || value.toLowerCase(Locale.ROOT).startsWith("container:"))) {
        add(
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
  }

  /**
   * The host's network reached through a network of the file: one that is the host's by name (an
   * external network called {@code host}) or by driver.
   */
  private void hostNetworks() {
    for (String network : names(service.get("networks"), item -> item)) {
      Map<String, Object> declared = Nodes.map(compose, "networks", network);
      if ("host".equals(Nodes.text(declared, "name"))
          || "host".equals(Nodes.text(declared, "driver"))) {
        add(
            "networks",
            "Host Namespaces: "
                + who
                + " joins the host's network through network "
                + network
                + "; use a network of the file's own");
      }
    }
  }

  private void devices() {
    for (String field : List.of("devices", "device_cgroup_rules")) {
      if (!Nodes.isEmpty(service.get(field))) {
        add(
            field,
            "Host devices: " + who + " reaches host devices through " + field + "; remove it");
      }
    }
  }

  private void volumes() {
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

  private void sysctls() {
    List<String> names = names(service.get("sysctls"), item -> item.split("=", 2)[0].trim());
    for (String sysctl : names) {
      if (!safeSysctls.contains(sysctl)) {
        add(
            "sysctls." + sysctl,
            "Sysctls: "
                + sysctl
                + " is not one of the safe, namespaced sysctls; remove it or use one of "
                + String.join(", ", new TreeSet<>(safeSysctls)));
      }
    }
  }

  private void ports() {
    List<?> ports = Nodes.list(service, "ports");
    for (int i = 0; i < ports.size(); i++) {
      Object port = ports.get(i);
      String address =
          port instanceof Map<?, ?>
              ? Nodes.text(port, "host_ip")
              : hostAddress(String.valueOf(port));
      if (address == null || !LOOPBACK.contains(address)) {
        add(
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

  private void add(String field, String message) {
    violations.add(
        new Violation(file, "ComposeService/" + name, "services." + name + "." + field, message));
  }
}
