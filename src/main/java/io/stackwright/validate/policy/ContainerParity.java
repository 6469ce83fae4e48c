package io.stackwright.validate.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link Parity} compares of a service's container: the names of its environment variables,
 * its entrypoint and arguments, the port Compose publishes, and the files mounted into it.
 */
final class ContainerParity {
  private ContainerParity() {}

  /** The names of the environment variables each target gives the service. */
  static List<Violation> environment(ServicePair pair) {
    Set<String> kubernetes = envNames(pair.input(), pair.container());
    Set<String> compose = new TreeSet<>(Nodes.map(pair.service(), "environment").keySet());
    return pair.mismatches()
        .differ(pair.name(), "environment", "environment variables", kubernetes, compose)
        .list();
  }

  /** The entrypoint and the arguments. */
  static List<Violation> command(ServicePair pair) {
    Map<String, Object> container = pair.container();
    Object service = pair.service();
    return pair.mismatches()
        .same(
            pair.name(),
            "entrypoint",
            "entrypoint",
            ServicePair.texts(Nodes.list(container, "command")),
            ServicePair.texts(Nodes.list(service, "entrypoint")))
        .same(
            pair.name(),
            "command",
            "arguments",
            ServicePair.texts(Nodes.list(container, "args")),
            ServicePair.texts(Nodes.list(service, "command")))
        .list();
  }

  /** The port Compose publishes, which the container must declare. */
  static List<Violation> ports(ServicePair pair) {
    Set<Long> containerPorts = new TreeSet<>();
    for (Object port : Nodes.list(pair.container(), "ports")) {
      Long number = Nodes.integer(port, "containerPort");
      if (number != null) {
        containerPorts.add(number);
      }
    }
    Long published = publishedTarget(pair.service());
    Mismatches mismatches = pair.mismatches();
    if (published != null && !containerPorts.contains(published)) {
      mismatches.add(
          pair.name(),
          "ports",
          "Compose publishes port "
              + published
              + ", which the container does not declare on Kubernetes (ports "
              + containerPorts
              + ")");
    }
    return mismatches.list();
  }

  /** The files mounted into the container: single files of ConfigMaps and Secrets. */
  static List<Violation> mountedFiles(ServicePair pair) {
    return pair.mismatches()
        .differ(
            pair.name(),
            "secrets, configs",
            "mounted files",
            mountedFiles(pair.container()),
            composeFiles(pair.service()))
        .list();
  }

  /** The names a container gets: its {@code env} and every key of the ConfigMaps it imports. */
  private static Set<String> envNames(PolicyInput input, Map<String, Object> container) {
    Set<String> names = new TreeSet<>();
    for (Object source : Nodes.list(container, "envFrom")) {
      String configMap = Nodes.text(source, "configMapRef", "name");
      for (KubeObject object : input.ofKind("ConfigMap")) {
        if (object.name().equals(configMap)) {
          names.addAll(Nodes.map(object.body(), "data").keySet());
        }
      }
    }
    for (Object env : Nodes.list(container, "env")) {
      String name = Nodes.text(env, "name");
      if (name != null) {
        names.add(name);
      }
    }
    return names;
  }

  /** The container port Compose publishes, or {@code null}. */
  private static Long publishedTarget(Object service) {
    for (Object port : Nodes.list(service, "ports")) {
      Long target = Nodes.integer(port, "target");
      if (target != null) {
        return target;
      }
      if (port instanceof String text) {
        String[] parts = text.split(":");
        try {
          return Long.parseLong(parts[parts.length - 1].replaceFirst("/.*", ""));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static Set<String> mountedFiles(Map<String, Object> container) {
    Set<String> paths = new TreeSet<>();
    for (Object mount : Nodes.list(container, "volumeMounts")) {
      if (Nodes.text(mount, "subPath") != null) {
        paths.add(Nodes.text(mount, "mountPath"));
      }
    }
    return paths;
  }

  private static Set<String> composeFiles(Object service) {
    Set<String> paths = new TreeSet<>();
    for (Object secret : Nodes.list(service, "secrets")) {
      String source = secret instanceof String text ? text : Nodes.text(secret, "source");
      String target = secret instanceof String ? null : Nodes.text(secret, "target");
      paths.add(
          target != null && target.startsWith("/")
              ? target
              : "/run/secrets/" + (target != null ? target : source));
    }
    for (Object config : Nodes.list(service, "configs")) {
      String target = Nodes.text(config, "target");
      if (target != null) {
        paths.add(target);
      }
    }
    return paths;
  }
}
