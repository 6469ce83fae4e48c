package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.Names;
import java.util.List;
import java.util.Map;

/**
 * Facts about the environment's cluster that the network policies need ({@code cluster:}).
 *
 * @param apiServerCidrs addresses (CIDR) of the Kubernetes API server, which Prometheus reads to
 *     discover targets: its egress is limited to them on ports 443 and 6443. Required outside
 *     development; {@code kubectl get endpoints kubernetes -n default} shows them. Default: none,
 *     which in a development environment admits any address on those ports.
 * @param dnsNamespace namespace of the cluster DNS pods. Default: {@code kube-system}.
 * @param dnsPodLabels labels of the cluster DNS pods. Default: {@code k8s-app: kube-dns} (CoreDNS
 *     and kube-dns; NodeLocal DNSCache or OpenShift differ). Keys and values must be valid
 *     Kubernetes label keys and values.
 * @param prometheus the cluster's own Prometheus, for a stack without one of its own: the network
 *     policy of every service with metrics admits it on the metrics port. Default: none.
 */
public record ClusterProps(
    List<String> apiServerCidrs,
    String dnsNamespace,
    Map<String, String> dnsPodLabels,
    ClusterPrometheusProps prometheus) {

  /**
   * Applies the defaults and checks the ranges.
   *
   * @param apiServerCidrs see {@link #apiServerCidrs()}
   * @param dnsNamespace see {@link #dnsNamespace()}
   * @param dnsPodLabels see {@link #dnsPodLabels()}
   * @param prometheus see {@link #prometheus()}
   */
  public ClusterProps {
    apiServerCidrs = apiServerCidrs == null ? List.of() : List.copyOf(apiServerCidrs);
    for (String cidr : apiServerCidrs) {
      if (!Names.isCidr(cidr)) {
        throw new InvalidPropException(
            "apiServerCidrs",
            "\"" + cidr + "\" is not an address range",
            "write CIDR notation, such as 10.0.0.1/32");
      }
    }
    dnsNamespace = dnsNamespace == null ? "kube-system" : dnsNamespace;
    if (!Names.isDnsLabel(dnsNamespace)) {
      throw new InvalidPropException(
          "dnsNamespace",
          "\"" + dnsNamespace + "\" is not a namespace name",
          "such as kube-system");
    }
    dnsPodLabels = dnsPodLabels == null ? Map.of("k8s-app", "kube-dns") : Map.copyOf(dnsPodLabels);
    checkLabels("dnsPodLabels", dnsPodLabels);
    if (dnsPodLabels.isEmpty()) {
      throw new InvalidPropException(
          "dnsPodLabels",
          "the DNS pods need a label to select them by",
          "such as k8s-app: kube-dns");
    }
  }

  /** Refuses a label key or value Kubernetes would refuse, at {@code key}. */
  static void checkLabels(String key, Map<String, String> labels) {
    labels.forEach(
        (name, value) -> {
          if (!Names.isLabelKey(name)) {
            throw new InvalidPropException(
                key,
                "\"" + name + "\" is not a valid label key",
                "use letters, digits, '-', '_' and '.', at most 63, with an optional DNS prefix"
                    + " and '/', such as k8s-app");
          }
          if (!Names.isLabelValue(value)) {
            throw new InvalidPropException(
                key,
                "\"" + value + "\" is not a valid label value (of " + name + ")",
                "use letters, digits, '-', '_' and '.', at most 63, such as kube-dns");
          }
        });
  }

  /** {@return every key at its default} */
  public static ClusterProps defaults() {
    return new ClusterProps(null, null, null, null);
  }

  /** {@return the model's form} */
  public ClusterNetwork toNetwork() {
    return new ClusterNetwork(
        apiServerCidrs,
        dnsNamespace,
        dnsPodLabels,
        prometheus == null ? null : prometheus.toPods());
  }
}
