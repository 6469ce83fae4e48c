package io.stackwright.validate.policy;

import io.stackwright.render.Labels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link Parity} compares of who a service talks to: each service Compose starts it after must
 * be one its network policy lets it reach (and, when that service has probers, Compose must wait
 * for one to be healthy, as Kubernetes waits for readiness); and the services it shares an internal
 * Compose network with must be those its network policy lets it send to or receive from.
 */
final class NetworkParity {
  private static final String NAME_LABEL = Labels.NAME;

  private final ServicePair pair;
  private final Set<String> egress;

  NetworkParity(ServicePair pair) {
    this.pair = pair;
    this.egress = policyTargets("egress");
  }

  /** Each service Compose starts it after, against its network policy and readiness. */
  List<Violation> dependencies() {
    Mismatches mismatches = pair.mismatches();
    Map<String, Object> dependsOn = Nodes.map(pair.service(), "depends_on");
    for (String dependency : new TreeSet<>(dependsOn.keySet())) {
      String probed = ComposeProbers.target(pair.composeServices().get(dependency));
      String reached = probed != null ? probed : dependency;
      if (!egress.contains(reached)) {
        mismatches.add(
            pair.name(),
            "depends_on." + dependency,
            "Compose starts it after "
                + dependency
                + (probed != null ? " (the prober of " + probed + ")" : "")
                + ", but its network policy on Kubernetes does not let it reach "
                + reached);
      }
      List<String> itsProbers = pair.probersOf(dependency);
      if (probed == null && waitsOnlyForStart(dependsOn, dependency, itsProbers)) {
        mismatches.add(
            pair.name(),
            "depends_on." + dependency,
            "Compose starts it once "
                + dependency
                + " has started, not once it is ready, as Kubernetes sends it no traffic before;"
                + " also wait for "
                + itsProbers.get(0)
                + ": {condition: service_healthy}, whose health check tests "
                + dependency
                + "'s readiness");
      }
    }
    return mismatches.list();
  }

  /** The services it shares an internal network with, against its network policy. */
  List<Violation> peers() {
    Set<String> policyPeers = new TreeSet<>(egress);
    policyPeers.addAll(policyTargets("ingress"));
    return pair.mismatches()
        .differ(
            pair.name(),
            "networks",
            "services it shares a network with",
            policyPeers,
            composePeers(pair.input().compose(), pair.name(), pair.workloadNames()))
        .list();
  }

  /**
   * Whether Compose waits for {@code dependency} to start but for none of its probers to be
   * healthy, though the dependency has no health check of its own.
   */
  private boolean waitsOnlyForStart(
      Map<String, Object> dependsOn, String dependency, List<String> itsProbers) {
    return !itsProbers.isEmpty()
        && !ComposeProbers.checksHealth(pair.composeServices().get(dependency))
        && itsProbers.stream()
            .noneMatch(p -> "service_healthy".equals(Nodes.text(dependsOn, p, "condition")));
  }

  /** The workloads a network policy named after the service lets it send to or receive from. */
  private Set<String> policyTargets(String direction) {
    Set<String> peers = new TreeSet<>();
    for (KubeObject object : pair.input().ofKind("NetworkPolicy")) {
      if (object.name().equals(pair.name())) {
        for (Object rule : Nodes.list(object.body(), "spec", direction)) {
          for (Object peer : Nodes.list(rule, direction.equals("egress") ? "to" : "from")) {
            String pods = Nodes.text(peer, "podSelector", "matchLabels", NAME_LABEL);
            if (pods != null
                && pair.workloadNames().contains(pods)
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
    Set<String> mine = new TreeSet<>(ServicePair.networks(Nodes.at(compose, "services", name)));
    mine.removeIf(network -> !Nodes.isTrue(compose, "networks", network, "internal"));
    Set<String> peers = new TreeSet<>();
    Nodes.map(compose, "services")
        .forEach(
            (other, service) -> {
              if (!other.equals(name) && workloads.contains(other)) {
                for (String network : ServicePair.networks(service)) {
                  if (mine.contains(network)) {
                    peers.add(other);
                  }
                }
              }
            });
    return peers;
  }
}
