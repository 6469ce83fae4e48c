package io.stackwright.validate.policy;

import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the two targets of one environment as they were written, the Kubernetes objects and the
 * Compose file read back from their files: what Kubernetes gets that Compose cannot express, and
 * every mismatch in ports, environment variable names, commands, health checks, mounted files and
 * dependencies. The parity report ({@code PARITY.md}) and the gate's parity layer are both made
 * from this one comparison, so the report never says the targets agree when the gate found
 * otherwise.
 *
 * <p>A Compose prober ({@code <service>-ready}, labelled {@code stackwright.io/readiness-of:
 * <service>}) is part of the service it tests, not a service of its own: its health check is the
 * service's readiness test, which must request the readiness probe's port and path of the service
 * by its name, from a network they share; a dependent waits for it to be healthy, and its network
 * policy must let the dependent reach the service itself.
 */
public final class Parity {
  private static final String NAME_LABEL = Labels.NAME;
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The kinds that give a workload something on Kubernetes alone (see kubernetesOnly). */
  private static final Set<String> BESIDE_WORKLOADS =
      Set.of(
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget",
          "NetworkPolicy",
          "Ingress",
          "CronJob",
          "RoleBinding");

  /** A prober's test: {@code http://<host>:<port><path>}. */
  private static final Pattern HTTP_URL = Pattern.compile("http://([^:/]+):([0-9]+)(/.*)");

  private Parity() {}

  /**
   * One service as the two targets run it.
   *
   * @param service the service's name: the workload's and the Compose service's
   * @param workload the Kubernetes workload, {@code Kind/name}, or {@code null} for a service that
   *     only Compose runs
   * @param kubernetesOnly what Kubernetes gives it that its Compose service cannot express, sorted
   * @param mismatches where the two targets disagree; none when they agree
   * @param composeProbers the Compose services that test its readiness from beside it, sorted; none
   *     when its own health check does
   */
  public record Service(
      String service,
      String workload,
      List<String> kubernetesOnly,
      List<Violation> mismatches,
      List<String> composeProbers) {

    /**
     * Copies the lists.
     *
     * @param service see {@link #service()}
     * @param workload see {@link #workload()}
     * @param kubernetesOnly see {@link #kubernetesOnly()}
     * @param mismatches see {@link #mismatches()}
     * @param composeProbers see {@link #composeProbers()}
     */
    public Service {
      kubernetesOnly = List.copyOf(kubernetesOnly);
      mismatches = List.copyOf(mismatches);
      composeProbers = List.copyOf(composeProbers);
    }
  }

  /**
   * Every service of one environment.
   *
   * @param services by name
   * @param composeOnly Compose services Kubernetes does not run, with their profile, sorted
   * @param rawWorkloads workloads added as they are ({@code Kind/name}), which have no Compose
   *     service by design, sorted
   */
  public record Result(
      List<Service> services, List<String> composeOnly, List<String> rawWorkloads) {

    /**
     * Copies the lists.
     *
     * @param services see {@link #services()}
     * @param composeOnly see {@link #composeOnly()}
     * @param rawWorkloads see {@link #rawWorkloads()}
     */
    public Result {
      services = List.copyOf(services);
      composeOnly = List.copyOf(composeOnly);
      rawWorkloads = List.copyOf(rawWorkloads);
    }

    /** {@return every mismatch of every service, in the order of the services} */
    public List<Violation> mismatches() {
      return services.stream().flatMap(s -> s.mismatches().stream()).toList();
    }
  }

  /**
   * Compares the Kubernetes objects of {@code input} with its Compose file.
   *
   * @param input one environment's output
   * @return the services compared, each with its mismatches
   */
  public static Result compare(PolicyInput input) {
    Map<String, Object> composeServices = input.composeServices();
    String composeFile = Objects.requireNonNullElse(input.composeFile(), "compose/compose.yaml");
    Map<String, KubeObject> workloads = new TreeMap<>();
    List<String> raw = new ArrayList<>();
    for (KubeObject object : input.objects()) {
      if (object.kind().equals("Deployment") || object.kind().equals("StatefulSet")) {
        if ("stackwright".equals(Nodes.text(object.body(), "metadata", "labels", MANAGED_BY))) {
          workloads.put(object.name(), object);
        } else {
          raw.add(object.ref());
        }
      }
    }
    Map<String, List<String>> probers = ComposeProbers.byTarget(composeServices);
    List<Service> services = new ArrayList<>();
    for (KubeObject workload : workloads.values()) {
      services.add(
          compareOne(input, workload, composeServices, composeFile, workloads.keySet(), probers));
    }
    List<String> composeOnly = new ArrayList<>();
    for (Map.Entry<String, Object> entry : new TreeMap<>(composeServices).entrySet()) {
      String target = ComposeProbers.target(entry.getValue());
      if (workloads.containsKey(entry.getKey())
          || (target != null && workloads.containsKey(target))) {
        // A prober of a workload is compared as part of it.
        continue;
      }
      List<?> profiles = Nodes.list(entry.getValue(), "profiles");
      if (profiles.isEmpty()) {
        services.add(
            new Service(
                entry.getKey(),
                null,
                List.of(),
                List.of(
                    new Violation(
                        composeFile,
                        "ComposeService/" + entry.getKey(),
                        "",
                        "Compose always starts it but Kubernetes does not run it; run it on both"
                            + " targets, or put it behind a Compose profile as a development"
                            + " tool")),
                List.of()));
      } else {
        composeOnly.add(entry.getKey() + " (profile " + profiles.get(0) + ")");
      }
    }
    raw.sort(null);
    return new Result(services, composeOnly, raw);
  }

  private static Service compareOne(
      PolicyInput input,
      KubeObject workload,
      Map<String, Object> composeServices,
      String composeFile,
      Set<String> workloadNames,
      Map<String, List<String>> probers) {
    String name = workload.name();
    List<Violation> mismatches = new ArrayList<>();
    Object service = composeServices.get(name);
    List<String> kubernetesOnly = kubernetesOnly(input, workload);
    if (service == null) {
      mismatches.add(
          Violation.of(
              workload,
              "",
              "Kubernetes runs it but the Compose file has no service "
                  + name
                  + "; describe the service once, in the model, so that both targets get it"));
      return new Service(name, workload.ref(), kubernetesOnly, mismatches, List.of());
    }
    Map<String, Object> container =
        Nodes.list(workload.body(), "spec", "template", "spec", "containers").stream()
            .findFirst()
            .map(Parity::asMap)
            .orElse(Map.of());
    String prefix = "services." + name + ".";
    String ref = "ComposeService/" + name;

    Set<String> kubeEnv = envNames(input, container);
    Set<String> composeEnv = new TreeSet<>(Nodes.map(service, "environment").keySet());
    differ(
        mismatches,
        composeFile,
        ref,
        prefix + "environment",
        "environment variables",
        kubeEnv,
        composeEnv);

    same(
        mismatches,
        composeFile,
        ref,
        prefix + "entrypoint",
        "entrypoint",
        texts(Nodes.list(container, "command")),
        texts(Nodes.list(service, "entrypoint")));
    same(
        mismatches,
        composeFile,
        ref,
        prefix + "command",
        "arguments",
        texts(Nodes.list(container, "args")),
        texts(Nodes.list(service, "command")));
    String readiness = probe(Nodes.map(container, "readinessProbe"));
    List<String> probersOfIt = probers.getOrDefault(name, List.of());
    if (ComposeProbers.checksHealth(service) || probersOfIt.isEmpty()) {
      same(
          mismatches,
          composeFile,
          ref,
          prefix + "healthcheck.test",
          "what is tested for readiness",
          List.of(readiness),
          List.of(healthCheck(Nodes.list(service, "healthcheck", "test"))));
    }
    for (String prober : probersOfIt) {
      prober(
          mismatches, composeFile, name, service, prober, composeServices.get(prober), readiness);
    }

    Set<Long> containerPorts = new TreeSet<>();
    for (Object port : Nodes.list(container, "ports")) {
      Long number = Nodes.integer(port, "containerPort");
      if (number != null) {
        containerPorts.add(number);
      }
    }
    Long published = publishedTarget(service);
    if (published != null && !containerPorts.contains(published)) {
      mismatches.add(
          new Violation(
              composeFile,
              ref,
              prefix + "ports",
              "Compose publishes port "
                  + published
                  + ", which the container does not declare on Kubernetes (ports "
                  + containerPorts
                  + ")"));
    }

    differ(
        mismatches,
        composeFile,
        ref,
        prefix + "secrets, configs",
        "mounted files",
        mountedFiles(container),
        composeFiles(service));

    Set<String> egress = policyTargets(input, name, "egress", workloadNames);
    Map<String, Object> dependsOn = Nodes.map(service, "depends_on");
    for (String dependency : new TreeSet<>(dependsOn.keySet())) {
      String probed = ComposeProbers.target(composeServices.get(dependency));
      String reached = probed != null ? probed : dependency;
      if (!egress.contains(reached)) {
        mismatches.add(
            new Violation(
                composeFile,
                ref,
                prefix + "depends_on." + dependency,
                "Compose starts it after "
                    + dependency
                    + (probed != null ? " (the prober of " + probed + ")" : "")
                    + ", but its network policy on Kubernetes does not let it reach "
                    + reached));
      }
      List<String> itsProbers = probers.getOrDefault(dependency, List.of());
      if (probed == null
          && !itsProbers.isEmpty()
          && !ComposeProbers.checksHealth(composeServices.get(dependency))
          && itsProbers.stream()
              .noneMatch(p -> "service_healthy".equals(Nodes.text(dependsOn, p, "condition")))) {
        mismatches.add(
            new Violation(
                composeFile,
                ref,
                prefix + "depends_on." + dependency,
                "Compose starts it once "
                    + dependency
                    + " has started, not once it is ready, as Kubernetes sends it no traffic before;"
                    + " also wait for "
                    + itsProbers.get(0)
                    + ": {condition: service_healthy}, whose health check tests "
                    + dependency
                    + "'s readiness"));
      }
    }
    Set<String> policyPeers = new TreeSet<>(egress);
    policyPeers.addAll(policyTargets(input, name, "ingress", workloadNames));
    differ(
        mismatches,
        composeFile,
        ref,
        prefix + "networks",
        "services it shares a network with",
        policyPeers,
        composePeers(input.compose(), name, workloadNames));
    return new Service(name, workload.ref(), kubernetesOnly, mismatches, probersOfIt);
  }

  /**
   * Compares the readiness test of {@code proberName}, which tests {@code name} from beside it,
   * with the workload's readiness probe: the same port and path, requested of {@code name}, over a
   * network the two share.
   */
  private static void prober(
      List<Violation> mismatches,
      String composeFile,
      String name,
      Object service,
      String proberName,
      Object prober,
      String readiness) {
    String ref = "ComposeService/" + proberName;
    String field = "services." + proberName + ".healthcheck.test";
    String tested = healthCheck(Nodes.list(prober, "healthcheck", "test"));
    Matcher url = HTTP_URL.matcher(tested);
    if (url.matches() && !url.group(1).equals(name)) {
      mismatches.add(
          new Violation(
              composeFile,
              ref,
              field,
              "it tests the readiness of "
                  + name
                  + " by requesting "
                  + tested
                  + ", of host "
                  + url.group(1)
                  + "; request http://"
                  + name
                  + ":<port><path>, the service it is the prober of"));
    } else {
      same(
          mismatches,
          composeFile,
          ref,
          field,
          "what is tested for readiness (from beside it, by " + proberName + ")",
          List.of(readiness),
          List.of(url.matches() ? "http://127.0.0.1:" + url.group(2) + url.group(3) : tested));
    }
    if (!ComposeProbers.checksHealth(prober)) {
      mismatches.add(
          new Violation(
              composeFile,
              ref,
              "services." + proberName + ".healthcheck",
              "it is the prober of " + name + " but runs no health check; give it the test"));
    }
    Set<String> shared = joined(prober);
    shared.retainAll(joined(service));
    if (shared.isEmpty()) {
      mismatches.add(
          new Violation(
              composeFile,
              ref,
              "services." + proberName + ".networks",
              "it shares no network with "
                  + name
                  + ", so it can never reach the service whose readiness it tests; join a network"
                  + " of "
                  + name));
    }
  }

  /** What Kubernetes gives the workload that its Compose service cannot express. */
  private static List<String> kubernetesOnly(PolicyInput input, KubeObject workload) {
    String name = workload.name();
    Set<String> only = new TreeSet<>();
    Long replicas = Nodes.integer(workload.body(), "spec", "replicas");
    if (replicas != null && replicas > 1) {
      only.add("more than one replica (Compose runs one)");
    }
    Map<String, Object> pod = Nodes.map(workload.body(), "spec", "template", "spec");
    if (!Nodes.list(pod, "topologySpreadConstraints").isEmpty()) {
      only.add("spreading of its pods over nodes");
    }
    if (!Nodes.list(workload.body(), "spec", "volumeClaimTemplates").isEmpty()) {
      only.add("a sized volume (Compose volumes have no size)");
    }
    if (Nodes.map(Nodes.list(pod, "containers").stream().findFirst().orElse(null), "startupProbe")
            .size()
        > 0) {
      only.add(
          "a startup probe that holds off liveness (Compose: the health check's start period)");
    }
    String account = Nodes.text(pod, "serviceAccountName");
    Map<String, Object> podLabels =
        Nodes.map(workload.body(), "spec", "template", "metadata", "labels");
    for (KubeObject object : input.ofKinds(BESIDE_WORKLOADS)) {
      switch (object.kind()) {
        case "HorizontalPodAutoscaler" -> {
          if (name.equals(Nodes.text(object.body(), "spec", "scaleTargetRef", "name"))) {
            only.add("autoscaling (" + object.ref() + ")");
          }
        }
        case "PodDisruptionBudget" -> {
          Map<String, Object> selector =
              Nodes.map(object.body(), "spec", "selector", "matchLabels");
          if (!selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet())) {
            only.add("a disruption budget (" + object.ref() + ")");
          }
        }
        case "NetworkPolicy" -> {
          if (object.name().equals(name)) {
            only.add(
                "network rules per port, DNS and the ingress controller ("
                    + object.ref()
                    + "; Compose has one internal network per edge)");
          }
        }
        case "Ingress" -> {
          for (Object rule : Nodes.list(object.body(), "spec", "rules")) {
            for (Object path : Nodes.list(rule, "http", "paths")) {
              if (name.equals(Nodes.text(path, "backend", "service", "name"))) {
                boolean tls = !Nodes.list(object.body(), "spec", "tls").isEmpty();
                only.add(
                    "an Ingress for "
                        + Nodes.text(rule, "host")
                        + (tls ? " with TLS" : " without TLS")
                        + " ("
                        + object.ref()
                        + ")");
              }
            }
          }
        }
        case "CronJob" -> {
          if (object.name().startsWith(name + "-")) {
            only.add("a scheduled job (" + object.ref() + ")");
          }
        }
        case "RoleBinding" -> {
          for (Object subject : Nodes.list(object.body(), "subjects")) {
            if (account != null
                && "ServiceAccount".equals(Nodes.text(subject, "kind"))
                && account.equals(Nodes.text(subject, "name"))) {
              only.add(
                  "access to the Kubernetes API ("
                      + Nodes.text(object.body(), "roleRef", "kind")
                      + "/"
                      + Nodes.text(object.body(), "roleRef", "name")
                      + "; Compose lists its targets)");
            }
          }
        }
        default -> {}
      }
    }
    return List.copyOf(only);
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

  /** What a probe tests: the HTTP port and path, or the command. */
  private static String probe(Map<String, Object> probe) {
    if (probe.containsKey("httpGet")) {
      return "http://127.0.0.1:"
          + Nodes.text(probe, "httpGet", "port")
          + Nodes.text(probe, "httpGet", "path");
    }
    if (probe.containsKey("tcpSocket")) {
      return "tcp " + Nodes.text(probe, "tcpSocket", "port");
    }
    return String.join(" ", texts(Nodes.list(probe, "exec", "command")));
  }

  /** What a Compose health check tests, in the terms of {@link #probe}. */
  private static String healthCheck(List<?> test) {
    List<String> words = texts(test);
    if (words.isEmpty()) {
      return "";
    }
    List<String> command =
        words.get(0).equals("CMD") || words.get(0).equals("CMD-SHELL")
            ? words.subList(1, words.size())
            : words;
    if (!command.isEmpty() && command.get(0).equals("wget")) {
      return command.get(command.size() - 1);
    }
    return String.join(" ", command);
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

  /** The workloads a network policy named after the service lets it send to or receive from. */
  private static Set<String> policyTargets(
      PolicyInput input, String name, String direction, Set<String> workloads) {
    Set<String> peers = new TreeSet<>();
    for (KubeObject object : input.ofKind("NetworkPolicy")) {
      if (object.name().equals(name)) {
        for (Object rule : Nodes.list(object.body(), "spec", direction)) {
          for (Object peer : Nodes.list(rule, direction.equals("egress") ? "to" : "from")) {
            String pods = Nodes.text(peer, "podSelector", "matchLabels", NAME_LABEL);
            if (pods != null
                && workloads.contains(pods)
                && Nodes.at(peer, "namespaceSelector") == null) {
              peers.add(pods);
            }
          }
        }
      }
    }
    return peers;
  }

  /** The workloads sharing an internal Compose network with {@code name}. */
  private static Set<String> composePeers(
      Map<String, Object> compose, String name, Set<String> workloads) {
    Set<String> mine = new TreeSet<>(networks(Nodes.at(compose, "services", name)));
    mine.removeIf(network -> !Nodes.isTrue(compose, "networks", network, "internal"));
    Set<String> peers = new TreeSet<>();
    Nodes.map(compose, "services")
        .forEach(
            (other, service) -> {
              if (!other.equals(name) && workloads.contains(other)) {
                for (String network : networks(service)) {
                  if (mine.contains(network)) {
                    peers.add(other);
                  }
                }
              }
            });
    return peers;
  }

  /** The networks a Compose service joins: those it names, or else Compose's {@code default}. */
  private static Set<String> joined(Object service) {
    Set<String> names = networks(service);
    return names.isEmpty() ? new TreeSet<>(Set.of("default")) : names;
  }

  private static Set<String> networks(Object service) {
    Object networks = Nodes.at(service, "networks");
    Set<String> names = new TreeSet<>();
    if (networks instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
    } else if (networks instanceof List<?> list) {
      names.addAll(texts(list));
    }
    return names;
  }

  private static void differ(
      List<Violation> mismatches,
      String file,
      String object,
      String field,
      String what,
      Set<String> kubernetes,
      Set<String> compose) {
    Set<String> onlyKubernetes = new TreeSet<>(kubernetes);
    onlyKubernetes.removeAll(compose);
    Set<String> onlyCompose = new TreeSet<>(compose);
    onlyCompose.removeAll(kubernetes);
    if (onlyKubernetes.isEmpty() && onlyCompose.isEmpty()) {
      return;
    }
    List<String> parts = new ArrayList<>();
    if (!onlyKubernetes.isEmpty()) {
      parts.add("only on Kubernetes: " + String.join(", ", onlyKubernetes));
    }
    if (!onlyCompose.isEmpty()) {
      parts.add("only in Compose: " + String.join(", ", onlyCompose));
    }
    mismatches.add(
        new Violation(
            file,
            object,
            field,
            what
                + " differ ("
                + String.join("; ", parts)
                + "); both targets come from one"
                + " model, so fix the renderer or the object added as it is"));
  }

  private static void same(
      List<Violation> mismatches,
      String file,
      String object,
      String field,
      String what,
      List<String> kubernetes,
      List<String> compose) {
    if (!kubernetes.equals(compose)) {
      mismatches.add(
          new Violation(
              file,
              object,
              field,
              what + " differs: Kubernetes " + kubernetes + ", Compose " + compose));
    }
  }

  /** The items as text, with Compose's {@code $$} (a literal {@code $}) undone. */
  private static List<String> texts(List<?> items) {
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      out.add(String.valueOf(item).replace("$$", "$"));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object node) {
    return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }
}
