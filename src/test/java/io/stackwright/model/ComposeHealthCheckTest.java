package io.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Compose prober is refused early where it could not work, with the bad value. */
class ComposeHealthCheckTest {

  private static GenericService.Builder api(String name) {
    return GenericService.builder(name)
        .image("ghcr.io/acme/api:1.0.0")
        .port("http", 8080)
        .httpProbe("/health/ready", "http");
  }

  @Test
  void theDefaultIsInTheContainer() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    api("api").addTo(stack);

    ServiceModel api = stack.toModel().service("api");

    assertThat(api.composeHealthCheck()).isEqualTo(ComposeHealthCheck.IN_CONTAINER);
    assertThat(api.composeProber()).isNull();
    assertThat(ComposeHealthCheck.prober())
        .isEqualTo(new ComposeHealthCheck.Prober(ImageRef.parse("busybox:1.37.0")));
  }

  @Test
  void aProberNeedsAnHttpReadinessProbe() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    GenericService.Builder builder =
        api("api")
            .readiness(new Probe(new Probe.Exec(List.of("/app/bin/health")), 10, 3, 3))
            .composeHealthCheck(ComposeHealthCheck.prober());

    assertThatThrownBy(() -> builder.addTo(stack))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("api: a Compose prober tests an HTTP readiness probe")
        .hasMessageContaining("[/app/bin/health]");
  }

  @Test
  void itsNameMustBeFreeAndADnsLabel() {
    Stack stack = new Stack("demo", "dev", "demo-dev", true);
    api("api").composeHealthCheck(ComposeHealthCheck.prober()).addTo(stack);
    api("api-ready").addTo(stack);

    assertThatThrownBy(stack::toModel)
        .hasMessageContaining("api's Compose prober is named api-ready, as is a service");
    String longName = "a".repeat(60);
    assertThatThrownBy(
            () ->
                api(longName)
                    .composeHealthCheck(ComposeHealthCheck.prober())
                    .addTo(new Stack("demo", "dev", "demo-dev", true)))
        .hasMessageContaining(longName + "-ready, which is longer than a DNS label");
  }

  @Test
  void itsImageIsPinnedOutsideDevelopment() {
    Stack stack = new Stack("demo", "prod", "demo-prod", false);
    api("api")
        .replicas(2)
        .composeHealthCheck(ComposeHealthCheck.prober(ImageRef.parse("busybox:latest")))
        .addTo(stack);

    assertThatThrownBy(stack::toModel)
        .hasMessageContaining("api: the image busybox:latest of its Compose prober is not pinned");
  }
}
