package io.stackwright.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Facts about the cluster's network that egress rules need and no selector can express.
 *
 * @param apiServerCidrs addresses of the Kubernetes API server, for services with {@link
 *     ApiAccess}; it runs outside the pod network, so only its addresses can name it. Empty means
 *     any address, accepted only in a development environment.
 * @param dnsNamespace namespace of the cluster DNS pods
 * @param dnsPodLabels labels selecting the cluster DNS pods
 * @param prometheus the cluster's own Prometheus, which may scrape every service's {@link Metrics}
 *     (the network policy admits it on those ports), or {@code null} when the cluster has none the
 *     stack should admit
 */
public record ClusterNetwork(
    List<String> apiServerCidrs,
    String dnsNamespace,
    Map<String, String> dnsPodLabels,
    Pods prometheus) {

  /** The conventions of most clusters (CoreDNS labelled {@code k8s-app: kube-dns}). */
  public static final ClusterNetwork DEFAULT =
      new ClusterNetwork(List.of(), "kube-system", Map.of("k8s-app", "kube-dns"), null);

  /**
   * Pods outside the stack, by their namespace and labels.
   *
   * @param namespace their namespace
   * @param labels labels that select them there; at least one
   */
  public record Pods(String namespace, Map<String, String> labels) {
    /**
     * Checks the names; copies and sorts the labels.
     *
     * @param namespace see {@link #namespace()}
     * @param labels see {@link #labels()}
     */
    public Pods {
      if (!Names.isDnsLabel(namespace)) {
        throw new IllegalArgumentException("\"" + namespace + "\" is not a namespace");
      }
      if (labels.isEmpty()) {
        throw new IllegalArgumentException("pods of " + namespace + " need a label to select them");
      }
      labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    }
  }

  /**
   * Checks the ranges and names.
   *
   * @param apiServerCidrs see {@link #apiServerCidrs()}
   * @param dnsNamespace see {@link #dnsNamespace()}
   * @param dnsPodLabels see {@link #dnsPodLabels()}
   * @param prometheus see {@link #prometheus()}
   */
  public ClusterNetwork {
    apiServerCidrs = List.copyOf(apiServerCidrs);
    for (String cidr : apiServerCidrs) {
      if (!Names.isCidr(cidr)) {
        throw new IllegalArgumentException("\"" + cidr + "\" is not an address range (CIDR)");
      }
    }
    if (!Names.isDnsLabel(dnsNamespace)) {
      throw new IllegalArgumentException("\"" + dnsNamespace + "\" is not a namespace");
    }
    if (dnsPodLabels.isEmpty()) {
      throw new IllegalArgumentException("the DNS pods need a label to select them by");
    }
    dnsPodLabels = Collections.unmodifiableMap(new TreeMap<>(dnsPodLabels));
  }
}
