package io.stackwright.render.compose;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Patch;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.output.Yaml;
import io.stackwright.render.Addresses;
import io.stackwright.render.DevSecrets;
import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Renders a {@link StackModel} into a Compose file (the Compose Specification, as read by Docker
 * Compose v2), from the same model as the Kubernetes renderer.
 *
 * <p>Every service is hardened the way its pod is: {@code read_only} root filesystem with a {@code
 * tmpfs} for each writable path, {@code cap_drop: [ALL]}, {@code no-new-privileges}, a numeric
 * non-root {@code user}. A service starts only once the services it depends on are healthy: their
 * own health check passes, or that of the prober beside one that has one ({@link
 * ComposeHealthCheck.Prober}). Secrets are files under {@code /run/secrets}: in a development
 * environment their marked values are written beside the Compose file; elsewhere Compose reads them
 * from variables of the shell that runs it, so no value is ever in {@code dist/}.
 */
public final class ComposeRenderer {

  /** The Compose file's path inside {@code dist/<env>/}. */
  public static final String COMPOSE_FILE = "compose/compose.yaml";

  /**
   * Renders the stack.
   *
   * @param stack the checked model of one environment
   * @return path inside {@code dist/<env>/} to file content
   */
  public Map<String, String> render(StackModel stack) {
    Map<String, String> files = new TreeMap<>();
    Map<String, Object> compose = new LinkedHashMap<>();
    compose.put("name", stack.name() + "-" + stack.environment());

    Map<String, Object> services = new LinkedHashMap<>();
    Map<String, Object> volumes = new LinkedHashMap<>();
    Map<String, Object> configs = new LinkedHashMap<>();
    ComposeNetworks networks = new ComposeNetworks(stack);
    List<String> patched = new ArrayList<>();
    for (ServiceModel service : stack.services()) {
      Map<String, Object> rendered = service(stack, service, volumes);
      if (!networks.of(service).isEmpty()) {
        rendered.put("networks", networks.of(service));
      }
      for (Patch patch : stack.patches()) {
        if (patch.compose() && patch.name().equals(service.name())) {
          rendered = patch.applyTo(rendered);
          patched.add(patch.ref());
        }
      }
      services.put(service.name(), literal(rendered));
      String proberName = service.composeProber();
      if (proberName != null) {
        Map<String, Object> prober = prober(stack, service);
        prober.put("networks", networks.of(proberName));
        for (Patch patch : stack.patches()) {
          if (patch.compose() && patch.name().equals(proberName)) {
            prober = patch.applyTo(prober);
            patched.add(patch.ref());
          }
        }
        services.put(proberName, literal(prober));
      }
      for (ConfigFile file : service.configFiles()) {
        String path = "config/" + service.name() + "/" + file.name();
        configs.put(configName(service, file), Map.of("file", "./" + path));
        files.put("compose/" + path, file.compose());
      }
    }
    Patch.requireMatched(stack.patches(), true, patched);
    compose.put("services", services);
    if (!configs.isEmpty()) {
      compose.put("configs", configs);
    }

    Map<String, Object> secrets = new LinkedHashMap<>();
    StringBuilder envExample = new StringBuilder();
    // Scheduled jobs have no Compose form, so only what services read.
    Set<SecretFile> read = new TreeSet<>(Comparator.comparing(SecretFile::name));
    stack.services().forEach(service -> read.addAll(service.secrets()));
    for (SecretFile secret : read) {
      if (stack.development()) {
        String path = "secrets/" + secret.name();
        secrets.put(secret.name(), Map.of("file", "./" + path));
        files.put("compose/" + path, DevSecrets.value(secret));
      } else {
        String variable = variable(secret);
        secrets.put(
            secret.name(),
            Map.of(
                "file",
                "${"
                    + variable
                    + ":?set "
                    + variable
                    + " to the path of a file holding "
                    + secret.name()
                    + "}"));
        envExample
            .append("# Path of a file holding ")
            .append(secret.name())
            .append(" (Kubernetes: Secret ")
            .append(secret.secretName())
            .append(", key ")
            .append(secret.key())
            .append("). Keep the file outside the repository, readable by user ")
            .append(readers(stack, secret))
            .append(" (Compose mounts it as it is: chmod 0444, or chown it).\n")
            .append(variable)
            .append("=\n");
      }
    }
    if (!secrets.isEmpty()) {
      compose.put("secrets", secrets);
    }
    if (envExample.length() > 0) {
      files.put(
          "compose/.env.example",
          "# Variables this Compose file needs. Export them, or copy this file outside the"
              + " repository, fill it in and pass it with\n# docker compose --env-file <file> -f"
              + " compose.yaml up. Never put files into dist/: every synth replaces it.\n"
              + "# Paths are best absolute.\n"
              + envExample);
    }
    if (!networks.definitions().isEmpty()) {
      compose.put("networks", networks.definitions());
    }
    if (!volumes.isEmpty()) {
      compose.put("volumes", volumes);
    }
    files.put(COMPOSE_FILE, Yaml.write(compose));
    return files;
  }

  private static final String SHARED_MEMORY = "/dev/shm";

  private static final Map<String, Object> LOGGING =
      Map.of("driver", "json-file", "options", Map.of("max-size", "10m", "max-file", "3"));

  /** The users of the services that read {@code secret}, such as {@code 999 and 10001}. */
  private static String readers(StackModel stack, SecretFile secret) {
    SortedSet<Long> users = new TreeSet<>();
    for (ServiceModel service : stack.services()) {
      if (service.secrets().contains(secret)) {
        users.add(service.security().runAsUser());
      }
    }
    return String.join(" and ", users.stream().map(String::valueOf).toList());
  }

  /**
   * The variable that names the file a non-development Compose run reads {@code secret} from.
   *
   * @param secret the secret
   * @return the variable's name, such as {@code DB_PASSWORD_FILE}
   */
  public static String variable(SecretFile secret) {
    return secret.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_FILE";
  }

  /**
   * {@code node} with every {@code $} doubled: Compose interpolates {@code $VAR} and {@code ${VAR}}
   * from the shell that runs it, so a command such as {@code sh -c '... "$password"'} would
   * otherwise lose its variables, or fail to load.
   */
  static Object literal(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((key, value) -> out.put(key, literal(value)));
      return out;
    }
    if (node instanceof List<?> list) {
      return list.stream().map(ComposeRenderer::literal).toList();
    }
    if (node instanceof String text) {
      return text.replace("$", "$$");
    }
    return node;
  }

  private static String configName(ServiceModel service, ConfigFile file) {
    return service.name() + "-" + file.name();
  }

  private static Map<String, Object> service(
      StackModel stack, ServiceModel service, Map<String, Object> volumes) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("image", service.image().toString());
    if (service.composeProfile() != null) {
      out.put("profiles", List.of(service.composeProfile()));
    }
    if (!service.command().isEmpty()) {
      out.put("entrypoint", service.command());
    }
    if (!service.args().isEmpty()) {
      out.put("command", service.args());
    }
    Map<String, String> labels = new TreeMap<>(Labels.of(stack, service));
    if (!service.security().readOnlyRootFilesystem()) {
      labels.put(Labels.WRITABLE_ROOT, service.security().writableRootReason());
    }
    out.put("labels", labels);
    ContainerSecurity security = service.security();
    out.put("user", security.runAsUser() + ":" + security.runAsGroup());
    out.put("read_only", security.readOnlyRootFilesystem());
    out.put("cap_drop", security.droppedCapabilities());
    if (security.noNewPrivileges()) {
      out.put("security_opt", List.of("no-new-privileges:true"));
    }
    if (!service.writablePaths().isEmpty()) {
      List<String> tmpfs = new ArrayList<>();
      for (String path : service.writablePaths()) {
        Memory size = service.inMemory().get(path);
        if (path.equals(SHARED_MEMORY)) {
          // Docker mounts its own /dev/shm; Compose sizes it rather than mounting another.
          out.put("shm_size", size == null ? "64m" : size.mebibytes() + "m");
        } else {
          tmpfs.add(size == null ? path : path + ":size=" + size.mebibytes() + "m");
        }
      }
      if (!tmpfs.isEmpty()) {
        out.put("tmpfs", tmpfs);
      }
    }
    out.put("restart", "unless-stopped");
    // Docker's default json-file log grows without bound.
    out.put("logging", LOGGING);
    if (!service.env().isEmpty()) {
      out.put("environment", Addresses.resolve(service.env(), host -> host));
    }
    if (!service.secrets().isEmpty()) {
      out.put("secrets", service.secrets().stream().map(SecretFile::name).toList());
    }
    if (!service.configFiles().isEmpty()) {
      List<Object> mounted = new ArrayList<>();
      for (ConfigFile file : service.configFiles()) {
        mounted.add(Map.of("source", configName(service, file), "target", file.mountPath()));
      }
      out.put("configs", mounted);
    }
    PersistentData data = service.data();
    if (data != null) {
      String volume = service.name() + "-" + data.volume();
      volumes.put(volume, Map.of());
      out.put(
          "volumes",
          List.of(Map.of("type", "volume", "source", volume, "target", data.mountPath())));
    }
    if (service.hostPort() != null) {
      out.put(
          "ports", List.of("127.0.0.1:" + service.hostPort() + ":" + service.mainPort().port()));
    }
    if (service.composeProber() == null) {
      out.put("healthcheck", healthcheck(service, "127.0.0.1"));
    } else {
      // Its prober tests it; a test in its own container would never pass (no wget there).
      out.put("healthcheck", Map.of("disable", true));
    }
    if (!service.dependsOn().isEmpty()) {
      Map<String, Object> dependsOn = new LinkedHashMap<>();
      for (String dependency : service.dependsOn()) {
        String prober = stack.service(dependency).composeProber();
        // restart: a client that resolved its dependency's address at start (nginx does) is
        // restarted with it when Compose recreates the dependency.
        if (prober == null) {
          dependsOn.put(dependency, Map.of("condition", "service_healthy", "restart", true));
        } else {
          dependsOn.put(dependency, Map.of("condition", "service_started", "restart", true));
          dependsOn.put(prober, Map.of("condition", "service_healthy"));
        }
      }
      out.put("depends_on", dependsOn);
    }
    out.put("deploy", deploy(service.resources()));
    return out;
  }

  /** What a prober may use: a wget every few seconds and a sleeping process. */
  private static final Resources PROBER_RESOURCES =
      new Resources(Cpu.millis(10), Memory.mebibytes(8), Cpu.millis(100), Memory.mebibytes(16));

  /** {@code nobody} in busybox's {@code /etc/passwd}: numeric, non-root, owning nothing. */
  private static final String PROBER_USER = "65534:65534";

  /**
   * The Compose service {@code <service>-ready} that tests the HTTP readiness probe of {@code
   * service} from beside it, for an image without {@code wget}: a process that only waits, and a
   * health check that {@code wget}s {@code http://<service>:<port><path>}, with the probe's
   * timings. Confined as every service is; it publishes nothing, and its network (added by the
   * caller) is shared with {@code service} alone.
   */
  private static Map<String, Object> prober(StackModel stack, ServiceModel service) {
    ComposeHealthCheck.Prober check = (ComposeHealthCheck.Prober) service.composeHealthCheck();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("image", check.image().toString());
    if (service.composeProfile() != null) {
      out.put("profiles", List.of(service.composeProfile()));
    }
    // Longest a 32-bit sleep takes; init forwards a stop's SIGTERM to it, so it ends at once.
    out.put("entrypoint", List.of("sleep", "2147483647"));
    out.put("init", true);
    Map<String, String> labels = new TreeMap<>(Labels.stackWide(stack));
    labels.put(Labels.NAME, service.composeProber());
    labels.put("app.kubernetes.io/instance", stack.name());
    labels.put("app.kubernetes.io/component", "readiness-probe");
    labels.put(Labels.READINESS_OF, service.name());
    out.put("labels", labels);
    out.put("user", PROBER_USER);
    out.put("read_only", true);
    out.put("cap_drop", List.of("ALL"));
    out.put("security_opt", List.of("no-new-privileges:true"));
    out.put("restart", "unless-stopped");
    out.put("logging", LOGGING);
    out.put("healthcheck", healthcheck(service, service.name()));
    out.put("depends_on", Map.of(service.name(), Map.of("condition", "service_started")));
    out.put("deploy", deploy(PROBER_RESOURCES));
    return out;
  }

  private static Map<String, Object> deploy(Resources resources) {
    return Map.of(
        "resources",
        Map.of(
            "limits",
            Map.of(
                "cpus", resources.cpuLimit().toCompose(),
                "memory", resources.memoryLimit().toCompose()),
            "reservations",
            Map.of(
                "cpus", resources.cpu().toCompose(),
                "memory", resources.memory().toCompose())));
  }

  /**
   * The readiness check, which is what {@code depends_on: service_healthy} waits for. An HTTP check
   * runs {@code wget} of {@code host}, as Compose has no HTTP check of its own: {@code 127.0.0.1}
   * inside the container, or the service's name from its prober.
   */
  private static Map<String, Object> healthcheck(ServiceModel service, String host) {
    Probe probe = service.readiness();
    List<String> test = new ArrayList<>();
    test.add("CMD");
    if (probe.check() instanceof Probe.HttpGet http) {
      test.addAll(
          List.of(
              "wget", "-q", "-O", "/dev/null", "http://" + host + ":" + http.port() + http.path()));
    } else {
      test.addAll(((Probe.Exec) probe.check()).command());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("test", test);
    out.put("interval", probe.periodSeconds() + "s");
    out.put("timeout", probe.timeoutSeconds() + "s");
    out.put("retries", probe.failureThreshold());
    out.put("start_period", service.startupSeconds() + "s");
    return out;
  }
}
