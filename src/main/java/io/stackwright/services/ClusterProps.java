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
 */
public record ClusterProps(
    List<String> apiServerCidrs, String dnsNamespace, Map<String, String> dnsPodLabels) {

  /**
   * Applies the defaults and checks the ranges.
   *
   * @param apiServerCidrs see {@link #apiServerCidrs()}
   * @param dnsNamespace see {@link #dnsNamespace()}
   * @param dnsPodLabels see {@link #dnsPodLabels()}
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
    dnsPodLabels.forEach(
        (key, value) -> {
          if (!Names.isLabelKey(key)) {
            throw new InvalidPropException(
                "dnsPodLabels",
                "\"" + key + "\" is not a valid label key",
                "use letters, digits, '-', '_' and '.', at most 63, with an optional DNS prefix"
                    + " and '/', such as k8s-app");
          }
          if (!Names.isLabelValue(value)) {
            throw new InvalidPropException(
                "dnsPodLabels",
                "\"" + value + "\" is not a valid label value (of " + key + ")",
                "use letters, digits, '-', '_' and '.', at most 63, such as kube-dns");
          }
        });
    if (dnsPodLabels.isEmpty()) {
      throw new InvalidPropException(
          "dnsPodLabels",
          "the DNS pods need a label to select them by",
          "such as k8s-app: kube-dns");
    }
  }

  /** {@return every key at its default} */
  public static ClusterProps defaults() {
    return new ClusterProps(null, null, null);
  }

  /** {@return the model's form} */
  public ClusterNetwork toNetwork() {
    return new ClusterNetwork(apiServerCidrs, dnsNamespace, dnsPodLabels);
  }
}
