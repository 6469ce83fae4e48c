package io.stackwright.validate.policy;

import io.stackwright.model.AddressRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outside development, no NetworkPolicy admits, and no nginx believes {@code X-Forwarded-For} from,
 * address ranges that together span the internet ({@link AddressRanges}): {@code 0.0.0.0/0} as
 * trusted proxies lets any client forge its address and escape the rate limit, and as Prometheus'
 * egress to the API server it opens egress to every address; so does a list of every {@code /8}.
 * Private networks of any size pass. A policy's ranges are judged together, and so are a
 * configuration file's; nginx configurations are read from the ConfigMaps, which hold the same
 * files as the Compose stack mounts.
 */
final class BoundedAddressRanges implements PolicyRule {
  private static final Pattern REAL_IP_FROM =
      Pattern.compile("(?m)^\\s*set_real_ip_from\\s+([^;\\s]+)\\s*;");

  @Override
  public String id() {
    return "bounded-address-ranges";
  }

  @Override
  public String description() {
    return "Outside development, the address ranges of a NetworkPolicy, and the proxies nginx"
        + " trusts, span no more public addresses than a /16 (IPv4) or a /48 (IPv6) together.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    if (input.development()) {
      return violations;
    }
    for (KubeObject policy : input.ofKind("NetworkPolicy")) {
      String problem = AddressRanges.problem(peerRanges(policy));
      if (problem != null) {
        violations.add(
            Violation.of(
                policy,
                "spec",
                "admits address ranges that "
                    + problem
                    + "; name the addresses the service needs (for the API server:"
                    + " cluster.apiServerCidrs, as kubectl get endpoints kubernetes -n default"
                    + " shows them)"));
      }
    }
    for (KubeObject map : input.ofKind("ConfigMap")) {
      if (!(Nodes.at(map.body(), "data") instanceof Map<?, ?> data)) {
        continue;
      }
      for (Map.Entry<?, ?> file : data.entrySet()) {
        if (!(file.getValue() instanceof String text)) {
          continue;
        }
        List<String> proxies = new ArrayList<>();
        Matcher m = REAL_IP_FROM.matcher(text);
        while (m.find()) {
          proxies.add(m.group(1));
        }
        String problem = AddressRanges.problem(proxies);
        if (problem != null) {
          violations.add(
              Violation.of(
                  map,
                  "data." + file.getKey(),
                  "nginx believes X-Forwarded-For from addresses that "
                      + problem
                      + ", so a client can forge its address and escape the rate limit; set"
                      + " nginx.trustedProxies to the addresses of the proxies in front of it (the"
                      + " ingress controller's pod range)"));
        }
      }
    }
    return violations;
  }

  /** Every {@code ipBlock.cidr} of a policy's peers, in both directions. */
  private static List<String> peerRanges(KubeObject policy) {
    List<String> ranges = new ArrayList<>();
    for (String direction : List.of("ingress", "egress")) {
      String peers = direction.equals("ingress") ? "from" : "to";
      for (Object rule : Nodes.list(policy.body(), "spec", direction)) {
        for (Object peer : Nodes.list(rule, peers)) {
          String cidr = Nodes.text(peer, "ipBlock", "cidr");
          if (cidr != null) {
            ranges.add(cidr);
          }
        }
      }
    }
    return ranges;
  }
}
