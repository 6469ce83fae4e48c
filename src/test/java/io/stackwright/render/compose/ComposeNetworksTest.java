package io.stackwright.render.compose;

import static io.stackwright.render.compose.RenderedCompose.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/**
 * A Compose service reaches only what it depends on, as its network policy lets it (rule {@code
 * default-deny-network-policy}).
 */
class ComposeNetworksTest {

  @Test
  void aDependencyIsANetworkOfItsTwoEndsWithNoWayOut() {
    Stack stack = TestServices.dev();
    GenericService db = TestServices.web("db").addTo(stack);
    TestServices.web("api").dependsOn(db).addTo(stack);
    TestServices.web("other").addTo(stack);

    RenderedCompose rendered = RenderedCompose.of(stack);

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

    RenderedCompose rendered = RenderedCompose.of(stack);

    assertThat(texts(rendered.service("edge").path("networks")))
        .containsExactly("edge-to-api", ComposeNetworks.PUBLISHED);
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

    RenderedCompose rendered = RenderedCompose.of(stack);

    assertThat(texts(rendered.service("scraper").path("networks")))
        .containsExactly("scraper-to-api");
    assertThat(texts(rendered.service("api").path("networks"))).containsExactly("scraper-to-api");
    assertThat(rendered.service("quiet").has("networks")).isFalse();
  }
}
