package io.stackwright.render.enrich;

import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.Exposure;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.ServicePort;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import io.stackwright.render.compose.ComposeFile;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.k8s.KubeJson;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.render.k8s.PlainObjects;
import io.stackwright.render.k8s.StackParts;
import io.stackwright.render.k8s.WorkloadParts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cdk8s.plus33.k8s.IpBlock;
import org.cdk8s.plus33.k8s.KubeNetworkPolicyProps;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.NetworkPolicyEgressRule;
import org.cdk8s.plus33.k8s.NetworkPolicyIngressRule;
import org.cdk8s.plus33.k8s.NetworkPolicyPeer;
import org.cdk8s.plus33.k8s.NetworkPolicyPort;
import org.cdk8s.plus33.k8s.NetworkPolicySpec;

/**
 * A service reaches what the model says it talks to, and nothing else, on both targets. An edge of
 * the model is a dependency ({@link ServiceModel#dependsOn}), a job's connection ({@link
 * ScheduledJob#connectsTo}), the metrics scraper's visit to a metrics port (the stack's own, or the
 * cluster's Prometheus), the ingress controller's to an exposed service, or, on Compose, a prober's
 * to the service it tests. Adding a dependency in Java opens both of its ends; removing it closes
 * them.
 *
 * <p>Kubernetes: the namespace denies all traffic ({@value #DEFAULT_DENY}), then each pod's policy
 * lets it receive from, and send to, exactly its edges; every pod may resolve names through the
 * cluster DNS, since egress is restricted too. Compose: one internal network per edge ({@code
 * <client>-to-<server>}), joined by exactly its two ends, so that no service reaches the internet;
 * a service that publishes a port also joins {@value #PUBLISHED}, the one network with a way out.
 *
 * <p>Twin: rule {@code default-deny-network-policy}, which checks every namespace with pods denies
 * by default. The Compose networks are checked against the policies by the parity check instead
 * ({@code NetworkParity}): no engine has a default deny to look for.
 */
final class NetworkIsolation implements Enricher {
  /** Name of the policy that denies everything not allowed by another. */
  static final String DEFAULT_DENY = "default-deny";

  /** The Compose network of services with a published port. */
  static final String PUBLISHED = "published";

  /** Ports the Kubernetes API server answers on, for a service with API access. */
  static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);

  private static final PlainObjects.ApiKind NETWORK_POLICY =
      new PlainObjects.ApiKind("networking.k8s.io/v1", "NetworkPolicy");
  private static final List<String> BOTH_DIRECTIONS = List.of("Ingress", "Egress");

  @Override
  public String rule() {
    return "default-deny-network-policy";
  }

  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {
    out.networks(List.copyOf(composeNetworks(stack, service)));
  }

  /** A prober reaches the service it tests, and nothing else. */
  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {
    prober.networks(List.of(edge(service.composeProber(), service.name())));
  }

  /** Adds the top-level {@code networks:} section, empty when no service has an edge. */
  @Override
  public void enrichComposeFile(StackModel stack, ComposeFile.Builder file) {
    for (ServiceModel service : stack.services()) {
      for (String network : composeNetworks(stack, service)) {
        // Every edge has a service at one end at least, so every network is found.
        file.network(network, new ComposeFile.Network(network.equals(PUBLISHED) ? null : true));
      }
    }
  }

  /** The Compose networks {@code service} joins, sorted: one per edge it is an end of. */
  private static SortedSet<String> composeNetworks(StackModel stack, ServiceModel service) {
    String name = service.name();
    SortedSet<String> joined = new TreeSet<>();
    service.dependsOn().forEach(dependency -> joined.add(edge(name, dependency)));
    for (ServiceModel client : stack.services()) {
      if (client.dependsOn().contains(name)) {
        joined.add(edge(client.name(), name));
      }
    }
    String scraper = stack.metricsScraper();
    if (scraper != null) {
      for (ServiceModel target : stack.metricsServices()) {
        boolean end = name.equals(scraper) || name.equals(target.name());
        if (!target.name().equals(scraper) && end) {
          joined.add(edge(scraper, target.name()));
        }
      }
    }
    if (service.composeProber() != null) {
      joined.add(edge(service.composeProber(), name));
    }
    if (service.hostPort() != null) {
      joined.add(PUBLISHED);
    }
    return joined;
  }

  private static String edge(String client, String server) {
    return client + "-to-" + server;
  }

  /** Adds {@value #DEFAULT_DENY} to the objects of the namespace's file. */
  @Override
  public void enrichStack(StackModel stack, StackParts out) {
    add(out.file(KubernetesRenderer.NAMESPACE_FILE), DEFAULT_DENY, defaultDeny());
  }

  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    add(out.objects(), service.name(), forService(stack, service));
  }

  @Override
  public void enrichJob(StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {
    add(out.objects(), out.name(), forJob(stack, owner, job));
  }

  private static void add(PlainObjects plain, String name, NetworkPolicySpec spec) {
    plain.add(
        NETWORK_POLICY,
        KubeNetworkPolicyProps.builder().metadata(plain.metadata(name)).spec(spec).build());
  }

  /** {@return the spec of {@value #DEFAULT_DENY}: every pod, no rule, both directions} */
  static NetworkPolicySpec defaultDeny() {
    return NetworkPolicySpec.builder()
        .podSelector(LabelSelector.builder().build())
        .policyTypes(BOTH_DIRECTIONS)
        .build();
  }

  /**
   * The spec of the policy of {@code service}'s pods.
   *
   * @param stack the stack, whose services' dependencies decide who may reach the service
   * @param service the service
   * @return the NetworkPolicy's {@code spec}
   */
  static NetworkPolicySpec forService(StackModel stack, ServiceModel service) {
    List<NetworkPolicyIngressRule> ingress = new ArrayList<>();
    for (ServiceModel client : stack.kubernetesServices()) {
      if (client.dependsOn().contains(service.name())) {
        ingress.add(from(pods(Labels.selector(stack, client)), ports(service.ports())));
      }
    }
    for (ServiceModel owner : stack.kubernetesServices()) {
      for (ScheduledJob job : owner.jobs()) {
        if (job.connectsTo().contains(service.name())) {
          ingress.add(from(pods(Labels.jobSelector(stack, owner, job)), ports(service.ports())));
        }
      }
    }
    String scraper = stack.metricsScraper();
    if (service.metrics() != null && scraper != null && !scraper.equals(service.name())) {
      ingress.add(
          from(
              pods(Labels.selector(stack, stack.service(scraper))),
              ports(List.of(service.port(service.metrics().portName())))));
    }
    ClusterNetwork.Pods prometheus = stack.network().prometheus();
    if (service.metrics() != null && prometheus != null) {
      NetworkPolicyPeer peer =
          NetworkPolicyPeer.builder()
              .namespaceSelector(namespace(prometheus.namespace()))
              .podSelector(matching(prometheus.labels()))
              .build();
      ingress.add(from(peer, ports(List.of(service.port(service.metrics().portName())))));
    }
    Exposure exposure = service.exposure();
    if (exposure != null && exposure.ingress() != null) {
      NetworkPolicyPeer peer =
          NetworkPolicyPeer.builder()
              .namespaceSelector(namespace(exposure.ingress().controllerNamespace()))
              .build();
      ingress.add(from(peer, ports(List.of(service.mainPort()))));
    }

    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    egress.add(dns(stack));
    for (String dependency : service.dependsOn()) {
      ServiceModel target = stack.service(dependency);
      egress.add(to(pods(Labels.selector(stack, target)), ports(target.ports())));
    }
    if (service.name().equals(scraper)) {
      for (ServiceModel target : stack.metricsServices()) {
        if (!target.name().equals(service.name()) && target.kubernetes()) {
          egress.add(
              to(
                  pods(Labels.selector(stack, target)),
                  ports(List.of(target.port(target.metrics().portName())))));
        }
      }
    }
    if (!service.apiAccess().isEmpty()) {
      egress.add(apiServer(stack.network()));
    }
    return spec(Labels.selector(stack, service), ingress, egress);
  }

  /**
   * The spec of the policy of a scheduled job's pods: no ingress, egress to its connections.
   *
   * @param stack the stack
   * @param owner the service the job belongs to
   * @param job the job
   * @return the NetworkPolicy's {@code spec}
   */
  static NetworkPolicySpec forJob(StackModel stack, ServiceModel owner, ScheduledJob job) {
    List<NetworkPolicyEgressRule> egress = new ArrayList<>();
    egress.add(dns(stack));
    for (String target : job.connectsTo()) {
      ServiceModel service = stack.service(target);
      egress.add(to(pods(Labels.selector(stack, service)), ports(service.ports())));
    }
    return spec(Labels.jobSelector(stack, owner, job), List.of(), egress);
  }

  private static NetworkPolicySpec spec(
      Map<String, String> selector,
      List<NetworkPolicyIngressRule> ingress,
      List<NetworkPolicyEgressRule> egress) {
    NetworkPolicySpec.Builder spec =
        NetworkPolicySpec.builder()
            .podSelector(matching(selector))
            .policyTypes(BOTH_DIRECTIONS)
            .egress(egress);
    if (!ingress.isEmpty()) {
      spec.ingress(ingress);
    }
    return spec.build();
  }

  private static NetworkPolicyIngressRule from(
      NetworkPolicyPeer peer, List<NetworkPolicyPort> ports) {
    return NetworkPolicyIngressRule.builder().from(List.of(peer)).ports(ports).build();
  }

  private static NetworkPolicyEgressRule to(NetworkPolicyPeer peer, List<NetworkPolicyPort> ports) {
    return NetworkPolicyEgressRule.builder().to(List.of(peer)).ports(ports).build();
  }

  private static NetworkPolicyPeer pods(Map<String, String> selector) {
    return NetworkPolicyPeer.builder().podSelector(matching(selector)).build();
  }

  /** The namespace {@code name}, by the label Kubernetes gives every namespace. */
  private static LabelSelector namespace(String name) {
    return matching(Map.of("kubernetes.io/metadata.name", name));
  }

  private static LabelSelector matching(Map<String, String> labels) {
    return LabelSelector.builder().matchLabels(new TreeMap<>(labels)).build();
  }

  private static List<NetworkPolicyPort> ports(List<ServicePort> ports) {
    List<NetworkPolicyPort> out = new ArrayList<>();
    for (ServicePort port : ports) {
      out.add(port("TCP", port.port()));
    }
    return out;
  }

  private static NetworkPolicyPort port(String protocol, int port) {
    return NetworkPolicyPort.builder().protocol(protocol).port(KubeJson.number(port)).build();
  }

  /** The cluster DNS, as {@link ClusterNetwork} selects it. */
  private static NetworkPolicyEgressRule dns(StackModel stack) {
    ClusterNetwork network = stack.network();
    NetworkPolicyPeer peer =
        NetworkPolicyPeer.builder()
            .namespaceSelector(namespace(network.dnsNamespace()))
            .podSelector(matching(network.dnsPodLabels()))
            .build();
    return to(peer, List.of(port("UDP", 53), port("TCP", 53)));
  }

  /**
   * The Kubernetes API server. It runs outside the pod network, so no selector can name it: the
   * rule admits its ports at its addresses; a development environment that names none admits any
   * address on those ports. (Cilium does not match the API server by address; there a {@code
   * CiliumNetworkPolicy} with {@code toEntities: [kube-apiserver]} is needed besides.)
   */
  private static NetworkPolicyEgressRule apiServer(ClusterNetwork network) {
    List<NetworkPolicyPort> ports = new ArrayList<>();
    for (int port : API_SERVER_PORTS) {
      ports.add(port("TCP", port));
    }
    List<String> cidrs =
        network.apiServerCidrs().isEmpty() ? List.of("0.0.0.0/0") : network.apiServerCidrs();
    List<NetworkPolicyPeer> peers = new ArrayList<>();
    for (String cidr : cidrs) {
      peers.add(NetworkPolicyPeer.builder().ipBlock(IpBlock.builder().cidr(cidr).build()).build());
    }
    return NetworkPolicyEgressRule.builder().to(peers).ports(ports).build();
  }
}
