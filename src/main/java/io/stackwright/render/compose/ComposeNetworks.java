package io.stackwright.render.compose;

import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compose networks that mirror the Kubernetes network policies: one internal network per edge of
 * the model ({@code <client>-to-<server>}: a dependency, or the metrics scraper's visit), joined by
 * exactly its two ends, so that a service reaches what it depends on and nothing else, and none
 * reaches the internet. A service that publishes a port also joins {@value #PUBLISHED}, the one
 * network with a way out, so that its port can be reached from the host. A service whose readiness
 * a prober tests shares one more, {@code <service>-ready-to-<service>}, with its prober alone. This
 * is the Compose half of what rule {@code default-deny-network-policy} checks on the Kubernetes
 * side: a network policy that lets in only what the model's edges allow.
 */
final class ComposeNetworks implements ComposeEnricher {
  /** The network of services with a published port. */
  static final String PUBLISHED = "published";

  private final Map<String, SortedSet<String>> byService = new TreeMap<>();
  private final Map<String, ComposeFile.Network> definitions = new TreeMap<>();

  ComposeNetworks(StackModel stack) {
    for (ServiceModel service : stack.services()) {
      for (String dependency : service.dependsOn()) {
        edge(service.name(), dependency);
      }
    }
    String scraper = stack.metricsScraper();
    if (scraper != null) {
      for (ServiceModel target : stack.metricsServices()) {
        if (!target.name().equals(scraper)) {
          edge(scraper, target.name());
        }
      }
    }
    for (ServiceModel service : stack.services()) {
      if (service.composeProber() != null) {
        // Its prober reaches it, and nothing else.
        edge(service.composeProber(), service.name());
      }
    }
    for (ServiceModel service : stack.services()) {
      if (service.hostPort() != null) {
        join(service.name(), PUBLISHED);
        definitions.put(PUBLISHED, new ComposeFile.Network(null));
      }
    }
  }

  private void edge(String client, String server) {
    String network = client + "-to-" + server;
    join(client, network);
    join(server, network);
    definitions.put(network, new ComposeFile.Network(true));
  }

  private void join(String service, String network) {
    byService.computeIfAbsent(service, name -> new TreeSet<>()).add(network);
  }

  @Override
  public String rule() {
    return "default-deny-network-policy";
  }

  @Override
  public void enrich(ServiceModel service, ComposeService.Builder out) {
    out.networks(of(service.name()));
  }

  @Override
  public void enrichProber(ServiceModel service, ComposeService.Builder prober) {
    prober.networks(of(service.composeProber()));
  }

  /** Adds the top-level {@code networks:} section, empty when no service has an edge. */
  @Override
  public void finish(ComposeFile.Builder file) {
    definitions.forEach(file::network);
  }

  /** The networks the Compose service {@code name} joins, sorted; empty for the default one. */
  private List<String> of(String name) {
    return List.copyOf(byService.getOrDefault(name, new TreeSet<>()));
  }
}
