package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Outside development, no NetworkPolicy admits an address range that spans the internet, and no
 * nginx believes {@code X-Forwarded-For} from one: {@code 0.0.0.0/0} as trusted proxies lets any
 * client forge its address and escape the rate limit, and as Prometheus' egress to the API server
 * it opens egress to every address. A range wider than a {@code /8}, IPv4 or IPv6, is refused: the
 * widest private networks, {@code 10.0.0.0/8} and {@code fd00::/8}, still pass. Nginx
 * configurations are read from the ConfigMaps, which hold the same files as the Compose stack
 * mounts.
 */
final class BoundedAddressRanges implements PolicyRule {
  private static final int WIDEST_IPV4 = 8;
  private static final int WIDEST_IPV6 = 8;
  private static final Pattern REAL_IP_FROM =
      Pattern.compile("(?m)^\\s*set_real_ip_from\\s+([^;\\s]+)\\s*;");

  @Override
  public String id() {
    return "bounded-address-ranges";
  }

  @Override
  public String description() {
    return "Outside development, no NetworkPolicy peer and no proxy nginx trusts is an address range"
        + " wider than a /8, IPv4 or IPv6.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    if (input.development()) {
      return violations;
    }
    for (KubeObject policy : input.ofKind("NetworkPolicy")) {
      for (String direction : List.of("ingress", "egress")) {
        String peers = direction.equals("ingress") ? "from" : "to";
        List<?> rules = Nodes.list(policy.body(), "spec", direction);
        for (int i = 0; i < rules.size(); i++) {
          List<?> list = Nodes.list(rules.get(i), peers);
          for (int j = 0; j < list.size(); j++) {
            String cidr = Nodes.text(list.get(j), "ipBlock", "cidr");
            if (cidr != null && isTooWide(cidr)) {
              violations.add(
                  Violation.of(
                      policy,
                      "spec." + direction + "[" + i + "]." + peers + "[" + j + "].ipBlock.cidr",
                      "admits "
                          + cidr
                          + ", which spans the internet; name the addresses the service needs"
                          + " (for the API server: cluster.apiServerCidrs, as kubectl get endpoints"
                          + " kubernetes -n default shows them)"));
            }
          }
        }
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
        Matcher m = REAL_IP_FROM.matcher(text);
        while (m.find()) {
          if (isTooWide(m.group(1))) {
            violations.add(
                Violation.of(
                    map,
                    "data." + file.getKey(),
                    "nginx believes X-Forwarded-For from "
                        + m.group(1)
                        + ", which spans the internet, so any client can forge its address and"
                        + " escape the rate limit; set nginx.trustedProxies to the addresses of the"
                        + " proxies in front of it (the ingress controller's pod range)"));
          }
        }
      }
    }
    return violations;
  }

  /** Whether an address or CIDR range is wider than a /8, IPv4 or IPv6. */
  static boolean isTooWide(String range) {
    int slash = range.indexOf('/');
    if (slash < 0) {
      return false;
    }
    int prefix;
    try {
      prefix = Integer.parseInt(range.substring(slash + 1));
    } catch (NumberFormatException e) {
      // Not a range at all: the schemas and nginx -t refuse it; nothing to judge here.
      return false;
    }
    return prefix < (range.contains(":") ? WIDEST_IPV6 : WIDEST_IPV4);
  }
}
