package io.stackwright.render.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.render.Labels;
import io.stackwright.stack.Stack;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A Compose service carries its pods' labels (rule {@code service-selects-pods}). */
class ComposeLabelsTest {

  @Test
  void aServiceIsLabelledAsItsPodsAre() {
    Stack stack = TestServices.prod();
    TestServices.web("web").component("frontend").addTo(stack);

    JsonNode labels = RenderedCompose.of(stack).service("web").path("labels");

    Map<String, String> written = new TreeMap<>();
    labels.fields().forEachRemaining(e -> written.put(e.getKey(), e.getValue().asText()));
    assertThat(written)
        .isEqualTo(Labels.of(stack.toModel(), stack.toModel().service("web")))
        .containsEntry("app.kubernetes.io/name", "web")
        .containsEntry("app.kubernetes.io/instance", "demo")
        .containsEntry("app.kubernetes.io/component", "frontend")
        .containsEntry(Labels.ENVIRONMENT, "prod");
  }
}
