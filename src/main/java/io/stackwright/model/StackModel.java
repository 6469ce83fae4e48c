package io.stackwright.model;

import io.stackwright.env.InvalidPropException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A whole stack for one environment: the input of both renderers.
 *
 * <p>A rule that a value of one service breaks (an unpinned image, one replica outside development)
 * is refused with an {@link InvalidPropException} owned by that service's model ({@link
 * InvalidPropException#owner()}), naming the value's key there ({@code replicas}, {@code
 * ingress.tlsSecret}); its key is {@code <service>.<prop>}, the path of a stack whose props are
 * keyed by service name. The {@link io.stackwright.stack.Stack} knows the props record each service
 * was made from, and the synth where the environment file holds that record: it reports the value
 * at its own key path in that file ({@code edge.replicas}), or at the nearest key the file does
 * write.
 *
 * @param name stack name ({@code app.kubernetes.io/part-of}, Compose project prefix)
 * @param environment environment name ({@code dev}, {@code prod})
 * @param namespace Kubernetes namespace the stack lives in
 * @param development true for a developer's environment: secrets get generated, clearly marked
 *     values that are written into {@code dist/}; false everywhere else, where secrets are only
 *     referenced
 * @param services the services, in declaration order
 * @param metricsScraper the service that scrapes every service's {@link Metrics} (the network
 *     policy lets it in on those ports), or {@code null}
 * @param network the cluster's DNS and API server, for egress rules
 * @param rawObjects Kubernetes objects added as they are (see {@link
 *     io.stackwright.stack.Stack#addRawObject}), in the order added
 * @param patches changes to rendered objects, applied in the order added (see {@link Patch})
 */
public record StackModel(
    String name,
    String environment,
    String namespace,
    boolean development,
    List<ServiceModel> services,
    String metricsScraper,
    ClusterNetwork network,
    List<RawObject> rawObjects,
    List<Patch> patches) {

  /**
   * Checks the rules that span services: unique names, dependencies that exist and do not form a
   * cycle, and, outside development, images pinned to a tag other than {@code latest} or a digest.
   *
   * @param name see {@link #name()}
   * @param environment see {@link #environment()}
   * @param namespace see {@link #namespace()}
   * @param development see {@link #development()}
   * @param services see {@link #services()}
   * @param metricsScraper see {@link #metricsScraper()}
   * @param network see {@link #network()}
   * @param rawObjects see {@link #rawObjects()}
   * @param patches see {@link #patches()}
   */
  public StackModel {
    for (String label : new String[] {name, environment, namespace}) {
      if (!Names.isDnsLabel(label)) {
        throw new IllegalArgumentException("\"" + label + "\" must be a DNS label");
      }
    }
    services = List.copyOf(services);
    rawObjects = List.copyOf(rawObjects);
    patches = List.copyOf(patches);
    Map<String, ServiceModel> byName = new LinkedHashMap<>();
    for (ServiceModel service : services) {
      if (byName.put(service.name(), service) != null) {
        throw new IllegalArgumentException("two services are named " + service.name());
      }
    }
    for (ServiceModel service : services) {
      for (String dependency : service.dependsOn()) {
        if (!byName.containsKey(dependency)) {
          throw new IllegalArgumentException(
              service.name() + " depends on " + dependency + ", which is not in the stack");
        }
      }
    }
    for (ServiceModel service : services) {
      String prober = service.composeProber();
      if (prober != null && byName.containsKey(prober)) {
        throw new IllegalArgumentException(
            service.name()
                + "'s Compose prober is named "
                + prober
                + ", as is a service of the stack; rename that service");
      }
    }
    checkAcyclic(byName);
    for (ServiceModel service : services) {
      for (String dependency : service.dependsOn()) {
        if (service.kubernetes() && !byName.get(dependency).kubernetes()) {
          throw new IllegalArgumentException(
              service.name() + " depends on " + dependency + ", which only runs in Compose");
        }
      }
      for (ScheduledJob job : service.jobs()) {
        for (String target : job.connectsTo()) {
          if (!byName.containsKey(target)) {
            throw new IllegalArgumentException(
                service.name()
                    + "-"
                    + job.name()
                    + " connects to "
                    + target
                    + ", not in the stack");
          }
        }
      }
    }
    if (metricsScraper != null && !byName.containsKey(metricsScraper)) {
      throw new IllegalArgumentException("metrics scraper " + metricsScraper + " is not a service");
    }
    Objects.requireNonNull(network, "network");
    if (!development) {
      for (ServiceModel service : services) {
        if (!service.image().isPinned()) {
          throw new InvalidPropException(
                  service.name() + ".image",
                  service.name()
                      + ": image "
                      + service.image()
                      + " is not pinned; outside development every image needs a tag other than"
                      + " latest, or a digest, so that what runs is what was reviewed",
                  "pin the image, such as registry/repository:1.2.3")
              .ownedBy(service, "image");
        }
        if (service.composeHealthCheck() instanceof ComposeHealthCheck.Prober prober
            && !prober.image().isPinned()) {
          throw new IllegalArgumentException(
              service.name()
                  + ": the image "
                  + prober.image()
                  + " of its Compose prober is not pinned; outside development every image needs"
                  + " a tag other than latest, or a digest");
        }
      }
      checkProductionShape(services, network);
    }
  }

  /**
   * What a shared environment needs beyond a developer's: stateless services that survive a node
   * loss or a rollout, TLS on every Ingress, and egress to the API server limited to its addresses.
   */
  private static void checkProductionShape(List<ServiceModel> services, ClusterNetwork network) {
    for (ServiceModel service : services) {
      if (!service.kubernetes()) {
        continue;
      }
      if (service.kind() == WorkloadKind.DEPLOYMENT && service.replicas() < 2) {
        // An autoscaled service's replica count is its autoscaling minimum.
        String prop = service.autoscaling() == null ? "replicas" : "autoscaling.minReplicas";
        boolean fixed = service.autoscaling() == null;
        throw new InvalidPropException(
                service.name() + "." + prop,
                service.name()
                    + ": outside development a stateless service runs at least 2 replicas, so that a"
                    + " node loss or a rollout never takes it down",
                path -> "set " + path + ": 2 or more" + autoscaling(path, fixed),
                path -> "add " + path + ": 2 or more" + autoscaling(path, fixed))
            .ownedBy(service, prop);
      }
      Exposure exposure = service.exposure();
      if (exposure != null && exposure.ingress() != null && !exposure.ingress().tls()) {
        throw new InvalidPropException(
                service.name() + ".ingress.tlsSecret",
                service.name()
                    + ": outside development the Ingress for "
                    + exposure.ingress().host()
                    + " needs TLS",
                path -> "set " + path + " to the Secret holding its certificate",
                null)
            .ownedBy(service, "ingress.tlsSecret");
      }
      if (!service.apiAccess().isEmpty() && network.apiServerCidrs().isEmpty()) {
        throw new InvalidPropException(
            "cluster.apiServerCidrs",
            service.name()
                + ": outside development its egress to the Kubernetes API is limited to the API"
                + " server's addresses",
            "set cluster.apiServerCidrs (kubectl get endpoints kubernetes -n default shows them)");
      }
    }
  }

  /** The other way to two replicas, beside {@code <section>.replicas}: autoscaling's minimum. */
  private static String autoscaling(String replicasPath, boolean fixed) {
    if (!fixed) {
      return "";
    }
    int dot = replicasPath.lastIndexOf('.');
    String section = dot < 0 ? "" : replicasPath.substring(0, dot + 1);
    return ", or " + section + "autoscaling.minReplicas: 2 or more";
  }

  /**
   * The service of that name.
   *
   * @param serviceName the service's name
   * @return the service
   * @throws IllegalArgumentException when the stack has no such service
   */
  public ServiceModel service(String serviceName) {
    return services.stream()
        .filter(s -> s.name().equals(serviceName))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName));
  }

  /** {@return every secret of every service, once each by name} */
  public List<SecretFile> secrets() {
    Map<String, SecretFile> byName = new TreeMap<>();
    for (ServiceModel service : services) {
      List<SecretFile> all = new ArrayList<>(service.secrets());
      service.jobs().forEach(job -> all.addAll(job.secrets()));
      for (SecretFile secret : all) {
        SecretFile earlier = byName.putIfAbsent(secret.name(), secret);
        if (earlier != null && !earlier.equals(secret)) {
          throw new IllegalArgumentException(
              "secret " + secret.name() + " is declared twice with different sources");
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * The Secrets the Kubernetes objects refer to but do not create, sorted: they must exist in the
   * namespace before the stack is applied. Outside development that is every secret the services
   * read; everywhere it includes Ingress certificates.
   *
   * @return their names
   */
  public SortedSet<String> externalSecrets() {
    SortedSet<String> names = new TreeSet<>();
    if (!development) {
      secrets().forEach(secret -> names.add(secret.secretName()));
    }
    for (ServiceModel service : services) {
      if (service.exposure() != null
          && service.exposure().ingress() != null
          && service.exposure().ingress().tls()) {
        names.add(service.exposure().ingress().tlsSecret());
      }
    }
    return names;
  }

  /** {@return the services that run on Kubernetes, in declaration order} */
  public List<ServiceModel> kubernetesServices() {
    return services.stream().filter(ServiceModel::kubernetes).toList();
  }

  /** {@return the services that expose metrics, in declaration order} */
  public List<ServiceModel> metricsServices() {
    return services.stream().filter(s -> s.metrics() != null).toList();
  }

  private static void checkAcyclic(Map<String, ServiceModel> byName) {
    Set<String> done = new HashSet<>();
    for (String start : byName.keySet()) {
      visit(start, byName, done, new ArrayList<>());
    }
  }

  private static void visit(
      String name, Map<String, ServiceModel> byName, Set<String> done, List<String> path) {
    if (done.contains(name)) {
      return;
    }
    if (path.contains(name)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      throw new IllegalArgumentException("dependency cycle: " + String.join(" -> ", cycle));
    }
    path.add(name);
    for (String dependency : byName.get(name).dependsOn()) {
      visit(dependency, byName, done, path);
    }
    path.remove(path.size() - 1);
    done.add(name);
  }
}
