package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

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
 *
 * <p>Each aspect is compared by a class of its own: {@code ContainerParity} (environment, command,
 * ports, mounted files), {@code ReadinessParity}, {@code NetworkParity} (dependencies and shared
 * networks); {@code KubernetesOnly} says what Compose cannot express.
 */
public final class Parity {
  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";

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
      Object service = composeServices.get(workload.name());
      ServicePair pair =
          new ServicePair(
              input,
              workload,
              firstContainer(workload),
              service,
              composeServices,
              composeFile,
              workloads.keySet(),
              probers);
      services.add(service == null ? kubernetesAlone(pair) : compare(pair));
    }
    List<String> composeOnly = new ArrayList<>();
    for (String name : composeAlone(composeServices, workloads.keySet())) {
      List<?> profiles = Nodes.list(composeServices.get(name), "profiles");
      if (profiles.isEmpty()) {
        services.add(composeAlways(composeFile, name));
      } else {
        composeOnly.add(name + " (profile " + profiles.get(0) + ")");
      }
    }
    raw.sort(null);
    return new Result(services, composeOnly, raw);
  }

  /** Compares one service as the two targets run it, aspect by aspect. */
  private static Service compare(ServicePair pair) {
    NetworkParity network = new NetworkParity(pair);
    List<Violation> mismatches = new ArrayList<>();
    mismatches.addAll(ContainerParity.environment(pair));
    mismatches.addAll(ContainerParity.command(pair));
    mismatches.addAll(ReadinessParity.compare(pair));
    mismatches.addAll(ContainerParity.ports(pair));
    mismatches.addAll(ContainerParity.mountedFiles(pair));
    mismatches.addAll(network.dependencies());
    mismatches.addAll(network.peers());
    return new Service(
        pair.name(),
        pair.workload().ref(),
        KubernetesOnly.of(pair.input(), pair.workload()),
        mismatches,
        pair.probersOf(pair.name()));
  }

  /** A workload the Compose file has no service for. */
  private static Service kubernetesAlone(ServicePair pair) {
    KubeObject workload = pair.workload();
    return new Service(
        pair.name(),
        workload.ref(),
        KubernetesOnly.of(pair.input(), workload),
        List.of(
            Violation.of(
                workload,
                "",
                "Kubernetes runs it but the Compose file has no service "
                    + pair.name()
                    + "; describe the service once, in the model, so that both targets get it")),
        List.of());
  }

  /** A Compose service without a profile that Kubernetes does not run. */
  private static Service composeAlways(String composeFile, String name) {
    return new Service(
        name,
        null,
        List.of(),
        List.of(
            new Violation(
                composeFile,
                "ComposeService/" + name,
                "",
                "Compose always starts it but Kubernetes does not run it; run it on both"
                    + " targets, or put it behind a Compose profile as a development"
                    + " tool")),
        List.of());
  }

  /** The Compose services, sorted, that are neither a workload nor a prober of one. */
  private static List<String> composeAlone(
      Map<String, Object> composeServices, Set<String> workloads) {
    List<String> alone = new ArrayList<>();
    for (Map.Entry<String, Object> entry : new TreeMap<>(composeServices).entrySet()) {
      String target = ComposeProbers.target(entry.getValue());
      // A prober of a workload is compared as part of it.
      if (!workloads.contains(entry.getKey()) && (target == null || !workloads.contains(target))) {
        alone.add(entry.getKey());
      }
    }
    return alone;
  }

  private static Map<String, Object> firstContainer(KubeObject workload) {
    return Nodes.list(workload.body(), "spec", "template", "spec", "containers").stream()
        .findFirst()
        .map(Nodes::map)
        .orElse(Map.of());
  }
}
