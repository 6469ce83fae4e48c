package io.stackwright.render.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.render.Labels;
import io.stackwright.services.ScheduledTask;
import io.stackwright.stack.Stack;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A pod and its Compose service carry the service's labels, and every selector selects by them,
 * never by a hash (rule {@code service-selects-pods}).
 */
class LabelsAndSelectorsTest {

  private static Map<String, String> texts(JsonNode map) {
    Map<String, String> written = new TreeMap<>();
    map.fields().forEachRemaining(e -> written.put(e.getKey(), e.getValue().asText()));
    return written;
  }

  @Test
  void aServiceIsLabelledAsItsPodsAre() {
    Stack stack = TestServices.prod();
    TestServices.web("web").component("frontend").addTo(stack);

    Rendered rendered = Rendered.of(stack);

    assertThat(texts(rendered.service("web").path("labels")))
        .isEqualTo(Labels.of(stack.toModel(), stack.toModel().service("web")))
        .isEqualTo(texts(rendered.find("Deployment", "web").at("/spec/template/metadata/labels")))
        .containsEntry("app.kubernetes.io/name", "web")
        .containsEntry("app.kubernetes.io/instance", "demo")
        .containsEntry("app.kubernetes.io/component", "frontend")
        .containsEntry(Labels.ENVIRONMENT, "prod");
  }

  @Test
  void theSelectorsAreTheRecommendedLabelsNotAHash() {
    Stack stack = TestServices.prod();
    TestServices.web("web").addTo(stack);

    Rendered rendered = Rendered.of(stack);

    Map<String, String> selector =
        Map.of("app.kubernetes.io/instance", "demo", "app.kubernetes.io/name", "web");
    assertThat(texts(rendered.find("Service", "web").at("/spec/selector"))).isEqualTo(selector);
    assertThat(texts(rendered.find("Deployment", "web").at("/spec/selector/matchLabels")))
        .isEqualTo(selector);
    assertThat(rendered.find("Deployment", "web").at("/spec/template/metadata/labels").toString())
        .doesNotContain("cdk8s.io");
  }

  @Test
  void aJobsPodsAreLabelledAsTheJob() {
    Stack stack = TestServices.prod();
    TestServices.web("web")
        .job(ScheduledTask.builder("report", "0 6 * * *").command("report").build())
        .addTo(stack);

    JsonNode labels =
        Rendered.of(stack)
            .find("CronJob", "web-report")
            .at("/spec/jobTemplate/spec/template/metadata/labels");

    assertThat(texts(labels))
        .containsEntry("app.kubernetes.io/name", "web-report")
        .containsEntry("app.kubernetes.io/component", "report");
  }
}
