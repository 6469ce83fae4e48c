package io.stackwright.render.k8s;

import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.Exposure;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.ServicePort;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * NetworkPolicy specs derived from the model's edges: the namespace denies all traffic, then each
 * pod may receive from, and send to, exactly what the model declares. An edge is a dependency
 * ({@link ServiceModel#dependsOn}), a job's connection ({@link ScheduledJob#connectsTo}), the
 * metrics scraper's visit to a metrics port (the stack's own, or the cluster's Prometheus), or the
 * ingress controller's to an exposed service. Every pod may resolve names through the cluster DNS,
 * since egress is restricted too.
 *
 * <p>Adding a dependency in Java adds the rule on both of its ends; removing it removes them.
 */
public final class NetworkPolicies {
  /** Name of the policy that denies everything not allowed by another. */
  public static final String DEFAULT_DENY = "default-deny";

  /** Ports the Kubernetes API server answers on, for a service with API access. */
  static final List<Integer> API_SERVER_PORTS = List.of(443, 6443);

  private NetworkPolicies() {}

  /** {@return the spec of {@value #DEFAULT_DENY}: every pod, no rule, both directions} */
  public static Map<String, Object> defaultDeny() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("podSelector", Map.of());
    spec.put("policyTypes", List.of("Ingress", "Egress"));
    return spec;
  }

  /**
   * The spec of the policy of {@code service}'s pods.
   *
   * @param stack the stack, whose services' dependencies decide who may reach the service
   * @param service the service
   * @return the NetworkPolicy's {@code spec}
   */
  public static Map<String, Object> forService(StackModel stack, ServiceModel service) {
    List<Object> ingress = new ArrayList<>();
    for (ServiceModel client : stack.kubernetesServices()) {
      if (client.dependsOn().contains(service.name())) {
        ingress.add(rule("from", pods(Labels.selector(stack, client)), ports(service.ports())));
      }
    }
    for (ServiceModel owner : stack.kubernetesServices()) {
      for (ScheduledJob job : owner.jobs()) {
        if (job.connectsTo().contains(service.name())) {
          ingress.add(
              rule("from", pods(Labels.jobSelector(stack, owner, job)), ports(service.ports())));
        }
      }
    }
    String scraper = stack.metricsScraper();
    if (service.metrics() != null && scraper != null && !scraper.equals(service.name())) {
      ingress.add(
          rule(
              "from",
              pods(Labels.selector(stack, stack.service(scraper))),
              ports(List.of(service.port(service.metrics().portName())))));
    }
    ClusterNetwork.Pods prometheus = stack.network().prometheus();
    if (service.metrics() != null && prometheus != null) {
      Map<String, Object> peer = new LinkedHashMap<>();
      peer.put(
          "namespaceSelector",
          Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", prometheus.namespace())));
      peer.put("podSelector", Map.of("matchLabels", prometheus.labels()));
      ingress.add(rule("from", peer, ports(List.of(service.port(service.metrics().portName())))));
    }
    Exposure exposure = service.exposure();
    if (exposure != null && exposure.ingress() != null) {
      Map<String, Object> peer =
          Map.of(
              "namespaceSelector",
              Map.of(
                  "matchLabels",
                  Map.of("kubernetes.io/metadata.name", exposure.ingress().controllerNamespace())));
      ingress.add(rule("from", peer, ports(List.of(service.mainPort()))));
    }

    List<Object> egress = new ArrayList<>();
    egress.add(dns(stack));
    for (String dependency : service.dependsOn()) {
      ServiceModel target = stack.service(dependency);
      egress.add(rule("to", pods(Labels.selector(stack, target)), ports(target.ports())));
    }
    if (service.name().equals(scraper)) {
      for (ServiceModel target : stack.metricsServices()) {
        if (!target.name().equals(service.name()) && target.kubernetes()) {
          egress.add(
              rule(
                  "to",
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
  public static Map<String, Object> forJob(StackModel stack, ServiceModel owner, ScheduledJob job) {
    List<Object> egress = new ArrayList<>();
    egress.add(dns(stack));
    for (String target : job.connectsTo()) {
      ServiceModel service = stack.service(target);
      egress.add(rule("to", pods(Labels.selector(stack, service)), ports(service.ports())));
    }
    return spec(Labels.jobSelector(stack, owner, job), List.of(), egress);
  }

  private static Map<String, Object> spec(
      Map<String, String> selector, List<Object> ingress, List<Object> egress) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("podSelector", Map.of("matchLabels", new TreeMap<>(selector)));
    spec.put("policyTypes", List.of("Ingress", "Egress"));
    if (!ingress.isEmpty()) {
      spec.put("ingress", ingress);
    }
    spec.put("egress", egress);
    return spec;
  }

  private static Map<String, Object> rule(String direction, Object peer, List<Object> ports) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put(direction, List.of(peer));
    rule.put("ports", ports);
    return rule;
  }

  private static Map<String, Object> pods(Map<String, String> selector) {
    return Map.of("podSelector", Map.of("matchLabels", new TreeMap<>(selector)));
  }

  private static List<Object> ports(List<ServicePort> ports) {
    List<Object> out = new ArrayList<>();
    for (ServicePort port : ports) {
      out.add(Map.of("protocol", "TCP", "port", port.port()));
    }
    return out;
  }

  /** The cluster DNS, as {@link ClusterNetwork} selects it. */
  private static Map<String, Object> dns(StackModel stack) {
    ClusterNetwork network = stack.network();
    Map<String, Object> peer = new LinkedHashMap<>();
    peer.put(
        "namespaceSelector",
        Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", network.dnsNamespace())));
    peer.put("podSelector", Map.of("matchLabels", network.dnsPodLabels()));
    return rule(
        "to",
        peer,
        List.of(Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53)));
  }

  /**
   * The Kubernetes API server. It runs outside the pod network, so no selector can name it: the
   * rule admits its ports at its addresses; a development environment that names none admits any
   * address on those ports. (Cilium does not match the API server by address; there a {@code
   * CiliumNetworkPolicy} with {@code toEntities: [kube-apiserver]} is needed besides.)
   */
  private static Map<String, Object> apiServer(ClusterNetwork network) {
    List<Object> ports = new ArrayList<>();
    for (int port : API_SERVER_PORTS) {
      ports.add(Map.of("protocol", "TCP", "port", port));
    }
    List<String> cidrs =
        network.apiServerCidrs().isEmpty() ? List.of("0.0.0.0/0") : network.apiServerCidrs();
    List<Object> peers = new ArrayList<>();
    for (String cidr : cidrs) {
      peers.add(Map.of("ipBlock", Map.of("cidr", cidr)));
    }
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("to", peers);
    rule.put("ports", ports);
    return rule;
  }
}
