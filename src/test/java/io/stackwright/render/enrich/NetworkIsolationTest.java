package io.stackwright.render.enrich;

import static io.stackwright.render.enrich.Rendered.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service reaches only what it depends on: its network policy lets in and out exactly the model's
 * edges, under a namespace that denies the rest (rule {@code default-deny-network-policy}), and on
 * Compose it shares a network with each other end of an edge, and nothing else.
 */
class NetworkIsolationTest {

  /** The rules of one direction of the policy of {@code name}, as their JSON. */
  private static List<String> rules(Rendered rendered, String name, String direction) {
    List<String> rules = new ArrayList<>();
    rendered
        .find("NetworkPolicy", name)
        .at("/spec/" + direction)
        .forEach(r -> rules.add(r.toString()));
    return rules;
  }

  private static Stack webAndDb(boolean webUsesDb) {
    Stack stack = TestServices.dev();
    GenericService db = TestServices.web("db").port("pg", 5432).addTo(stack);
    GenericService.Builder web = TestServices.web("web");
    if (webUsesDb) {
      web.dependsOn(db);
    }
    web.addTo(stack);
    return stack;
  }

  @Test
  void aDependencyOpensExactlyItsTwoEnds() {
    Rendered rendered = Rendered.of(webAndDb(true));

    assertThat(rules(rendered, "db", "ingress")).hasSize(1);
    assertThat(rules(rendered, "db", "ingress").get(0))
        .contains("\"app.kubernetes.io/name\":\"web\"")
        .contains("\"port\":5432");
    assertThat(rules(rendered, "web", "egress")).hasSize(2); // DNS and db
    assertThat(rules(rendered, "web", "egress").get(1))
        .contains("\"app.kubernetes.io/name\":\"db\"")
        .contains("\"port\":5432");
  }

  @Test
  void removingTheDependencyRemovesBothRules() {
    Rendered rendered = Rendered.of(webAndDb(false));

    assertThat(rendered.find("NetworkPolicy", "db").at("/spec").has("ingress")).isFalse();
    assertThat(rules(rendered, "web", "egress")).hasSize(1);
    assertThat(rules(rendered, "web", "egress").get(0)).contains("kube-dns");
    assertThat(rendered.find("NetworkPolicy", "db").at("/spec/policyTypes"))
        .hasToString("[\"Ingress\",\"Egress\"]");
  }

  @Test
  void theScraperReachesExactlyTheMetricsPorts() {
    Stack stack = webAndDb(true);
    TestServices.web("api").port("metrics", 9100).metrics("metrics", "/metrics").addTo(stack);
    TestServices.web("prom").addTo(stack);
    stack.scrapedBy("prom");

    Rendered rendered = Rendered.of(stack);

    assertThat(rules(rendered, "api", "ingress")).hasSize(1);
    assertThat(rules(rendered, "api", "ingress").get(0))
        .contains("\"app.kubernetes.io/name\":\"prom\"")
        .contains("\"port\":9100")
        .doesNotContain("\"port\":8080");
    assertThat(rules(rendered, "db", "ingress").toString()).doesNotContain("prom");
    assertThat(rules(rendered, "prom", "egress").toString())
        .contains("\"app.kubernetes.io/name\":\"api\"")
        .doesNotContain("\"app.kubernetes.io/name\":\"db\"");
  }

  @Test
  void theNamespaceDeniesEveryPodInBothDirections() {
    Stack stack = TestServices.dev();
    TestServices.web("web").addTo(stack);

    JsonNode spec =
        Rendered.of(stack).find("NetworkPolicy", NetworkIsolation.DEFAULT_DENY).path("spec");

    assertThat(spec.path("podSelector")).isEmpty();
    assertThat(spec.path("policyTypes")).hasToString("[\"Ingress\",\"Egress\"]");
    assertThat(spec).hasSize(2);
  }

  @Test
  void aDependencyIsANetworkOfItsTwoEndsWithNoWayOut() {
    Stack stack = TestServices.dev();
    GenericService db = TestServices.web("db").addTo(stack);
    TestServices.web("api").dependsOn(db).addTo(stack);
    TestServices.web("other").addTo(stack);

    Rendered rendered = Rendered.of(stack);

    assertThat(texts(rendered.service("api").path("networks"))).containsExactly("api-to-db");
    assertThat(texts(rendered.service("db").path("networks"))).containsExactly("api-to-db");
    assertThat(rendered.service("other").has("networks")).isFalse();
    assertThat(rendered.compose().at("/networks/api-to-db/internal").asBoolean()).isTrue();
  }

  @Test
  void aPublishedServiceAlsoJoinsTheOneNetworkWithAWayOut() {
    Stack stack = TestServices.dev();
    GenericService api = TestServices.web("api").addTo(stack);
    TestServices.web("edge").dependsOn(api).hostPort(8080).addTo(stack);

    Rendered rendered = Rendered.of(stack);

    assertThat(texts(rendered.service("edge").path("networks")))
        .containsExactly("edge-to-api", NetworkIsolation.PUBLISHED);
    assertThat(texts(rendered.service("api").path("networks"))).containsExactly("edge-to-api");
    assertThat(rendered.text()).contains("\n  published: {}\n");
  }

  @Test
  void theScraperReachesEveryServiceWithMetrics() {
    Stack stack = TestServices.dev();
    TestServices.web("api").port("metrics", 9100).metrics("metrics", "/metrics").addTo(stack);
    TestServices.web("quiet").addTo(stack);
    TestServices.web("scraper").addTo(stack);
    stack.scrapedBy("scraper");

    Rendered rendered = Rendered.of(stack);

    assertThat(texts(rendered.service("scraper").path("networks")))
        .containsExactly("scraper-to-api");
    assertThat(texts(rendered.service("api").path("networks"))).containsExactly("scraper-to-api");
    assertThat(rendered.service("quiet").has("networks")).isFalse();
  }
}
