package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.Endpoint;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.services.GenericService;
import io.stackwright.services.ServiceModels;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.plus33.k8s.NetworkPolicySpec;
import org.junit.jupiter.api.Test;

/** Network policy rules follow the model's edges, and nothing else. */
class NetworkPoliciesTest {
  private static final Resources SMALL =
      new Resources(Cpu.millis(10), Memory.mebibytes(16), Cpu.millis(10), Memory.mebibytes(16));

  private static GenericService.Builder service(String name, int port) {
    Probe probe = new Probe(new Probe.HttpGet("/", port), 10, 1, 1);
    return GenericService.builder(name)
        .component("test")
        .image(ImageRef.parse("example/" + name + ":1"))
        .port("http", port)
        .readiness(probe)
        .liveness(probe)
        .resources(SMALL)
        .runAs(ContainerSecurity.DEFAULT.runAsUser(), ContainerSecurity.DEFAULT.runAsGroup());
  }

  private static StackModel stack(boolean webUsesDb, String scraper, ServiceModel... extra) {
    List<ServiceModel> services = new ArrayList<>();
    services.add(ServiceModels.of(service("db", 5432)));
    GenericService.Builder web = service("web", 8080).metrics("http", "/metrics");
    if (webUsesDb) {
      web.dependsOn(new Endpoint("db", 5432));
    }
    services.add(ServiceModels.of(web));
    services.addAll(List.of(extra));
    return new StackModel(
        "s", "dev", "s-dev", true, services, scraper, ClusterNetwork.DEFAULT, List.of(), List.of());
  }

  /** The rules of one direction, as their JSON, for assertions on what they name. */
  private static List<JsonNode> rules(NetworkPolicySpec spec, String direction) {
    List<JsonNode> rules = new ArrayList<>();
    KubeJson.tree(spec).path(direction).forEach(rules::add);
    return rules;
  }

  @Test
  void aDependencyOpensExactlyItsTwoEnds() {
    StackModel with = stack(true, null);

    NetworkPolicySpec db = NetworkPolicies.forService(with, with.service("db"));
    NetworkPolicySpec web = NetworkPolicies.forService(with, with.service("web"));

    assertThat(rules(db, "ingress")).hasSize(1);
    assertThat(rules(db, "ingress").get(0).toString())
        .contains("\"app.kubernetes.io/name\":\"web\"")
        .contains("\"port\":5432");
    assertThat(rules(web, "egress")).hasSize(2); // DNS and db
    assertThat(rules(web, "egress").get(1).toString())
        .contains("\"app.kubernetes.io/name\":\"db\"")
        .contains("\"port\":5432");
  }

  @Test
  void removingTheDependencyRemovesBothRules() {
    StackModel without = stack(false, null);

    NetworkPolicySpec db = NetworkPolicies.forService(without, without.service("db"));
    NetworkPolicySpec web = NetworkPolicies.forService(without, without.service("web"));

    assertThat(db.getIngress()).isNull();
    assertThat(rules(web, "egress")).hasSize(1);
    assertThat(rules(web, "egress").get(0).toString()).contains("kube-dns");
    assertThat(db.getPolicyTypes()).containsExactly("Ingress", "Egress");
  }

  @Test
  void theScraperReachesExactlyTheMetricsPorts() {
    ServiceModel prom = ServiceModels.of(service("prom", 9090));
    StackModel stack = stack(true, "prom", prom);

    NetworkPolicySpec web = NetworkPolicies.forService(stack, stack.service("web"));
    NetworkPolicySpec db = NetworkPolicies.forService(stack, stack.service("db"));
    NetworkPolicySpec scraper = NetworkPolicies.forService(stack, stack.service("prom"));

    assertThat(rules(web, "ingress")).hasSize(1);
    assertThat(rules(web, "ingress").get(0).toString())
        .contains("\"app.kubernetes.io/name\":\"prom\"")
        .contains("\"port\":8080");
    assertThat(rules(db, "ingress").toString()).doesNotContain("prom");
    assertThat(rules(scraper, "egress").toString())
        .contains("\"app.kubernetes.io/name\":\"web\"")
        .doesNotContain("\"app.kubernetes.io/name\":\"db\"");
  }

  @Test
  void theDefaultDenySelectsEveryPodInBothDirections() {
    assertThat(KubeJson.tree(NetworkPolicies.defaultDeny()))
        .hasToString("{\"podSelector\":{},\"policyTypes\":[\"Ingress\",\"Egress\"]}");
  }
}
