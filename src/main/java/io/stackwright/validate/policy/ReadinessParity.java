package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link Parity} compares of a service's readiness: the workload's readiness probe against the
 * Compose health check, or, when probers test the service from beside it, against each prober's
 * test, which must request the same port and path of the service by its name, from a network they
 * share.
 */
final class ReadinessParity {
  /** A prober's test: {@code http://<host>:<port><path>}. */
  private static final Pattern HTTP_URL = Pattern.compile("http://([^:/]+):([0-9]+)(/.*)");

  private ReadinessParity() {}

  /** The readiness test of the service, by its own health check or by its probers. */
  static List<Violation> compare(ServicePair pair) {
    String name = pair.name();
    String readiness = probe(Nodes.map(pair.container(), "readinessProbe"));
    List<String> probers = pair.probersOf(name);
    List<Violation> found = new ArrayList<>();
    if (ComposeProbers.checksHealth(pair.service()) || probers.isEmpty()) {
      pair.mismatches()
          .same(
              name,
              "healthcheck.test",
              "what is tested for readiness",
              List.of(readiness),
              List.of(healthCheck(Nodes.list(pair.service(), "healthcheck", "test"))))
          .list()
          .forEach(found::add);
    }
    for (String prober : probers) {
      found.addAll(prober(pair, prober, readiness));
    }
    return found;
  }

  /**
   * Compares the readiness test of {@code proberName}, which tests the service from beside it, with
   * the workload's readiness probe: the same port and path, requested of the service, over a
   * network the two share.
   */
  private static List<Violation> prober(ServicePair pair, String proberName, String readiness) {
    String name = pair.name();
    Mismatches mismatches = pair.mismatches();
    Object prober = pair.composeServices().get(proberName);
    String tested = healthCheck(Nodes.list(prober, "healthcheck", "test"));
    Matcher url = HTTP_URL.matcher(tested);
    if (url.matches() && !url.group(1).equals(name)) {
      mismatches.add(
          proberName,
          "healthcheck.test",
          "it tests the readiness of "
              + name
              + " by requesting "
              + tested
              + ", of host "
              + url.group(1)
              + "; request http://"
              + name
              + ":<port><path>, the service it is the prober of");
    } else {
      mismatches.same(
          proberName,
          "healthcheck.test",
          "what is tested for readiness (from beside it, by " + proberName + ")",
          List.of(readiness),
          List.of(url.matches() ? "http://127.0.0.1:" + url.group(2) + url.group(3) : tested));
    }
    if (!ComposeProbers.checksHealth(prober)) {
      mismatches.add(
          proberName,
          "healthcheck",
          "it is the prober of " + name + " but runs no health check; give it the test");
    }
    Set<String> shared = ServicePair.joined(prober);
    shared.retainAll(ServicePair.joined(pair.service()));
    if (shared.isEmpty()) {
      mismatches.add(
          proberName,
          "networks",
          "it shares no network with "
              + name
              + ", so it can never reach the service whose readiness it tests; join a network"
              + " of "
              + name);
    }
    return mismatches.list();
  }

  /** What a probe tests: the HTTP port and path, or the command. */
  private static String probe(Map<String, Object> probe) {
    if (probe.containsKey("httpGet")) {
      return "http://127.0.0.1:"
          + Nodes.text(probe, "httpGet", "port")
          + Nodes.text(probe, "httpGet", "path");
    }
    if (probe.containsKey("tcpSocket")) {
      return "tcp " + Nodes.text(probe, "tcpSocket", "port");
    }
    return String.join(" ", ServicePair.texts(Nodes.list(probe, "exec", "command")));
  }

  /** What a Compose health check tests, in the terms of {@link #probe}. */
  private static String healthCheck(List<?> test) {
    List<String> words = ServicePair.texts(test);
    if (words.isEmpty()) {
      return "";
    }
    List<String> command =
        words.get(0).equals("CMD") || words.get(0).equals("CMD-SHELL")
            ? words.subList(1, words.size())
            : words;
    if (!command.isEmpty() && command.get(0).equals("wget")) {
      return command.get(command.size() - 1);
    }
    return String.join(" ", command);
  }
}
