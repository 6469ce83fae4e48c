package io.stackwright.stack;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.StackModel;
import io.stackwright.services.GenericService;

/**
 * A stack whose API is a Jib image (no shell, no wget) behind an edge that waits for it: the case
 * {@link ComposeHealthCheck#prober()} is for.
 */
public final class ProberStacks {
  private ProberStacks() {}

  /**
   * The stack: {@code api} (port 8080, readiness {@code /health/ready}) with this health check, and
   * {@code edge}, which depends on it and publishes a port.
   *
   * @param development a development environment ({@code dev}), or a shared one ({@code prod})
   * @param check how Compose tests the API's readiness
   * @return the model
   */
  public static StackModel model(boolean development, ComposeHealthCheck check) {
    String environment = development ? "dev" : "prod";
    Stack stack = new Stack("jib", environment, "jib-" + environment, development);
    // Outside development a stateless service must survive losing a node.
    int replicas = development ? 1 : 2;
    GenericService api =
        GenericService.builder("api")
            .image("ghcr.io/acme/api:1.0.0")
            .port("http", 8080)
            .httpProbe("/health/ready", "http")
            .composeHealthCheck(check)
            .replicas(replicas)
            .writable("/tmp")
            .addTo(stack);
    GenericService.builder("edge")
        .image("ghcr.io/acme/edge:1.0.0")
        .port("http", 8080)
        .httpProbe("/healthz", "http")
        .dependsOn(api)
        .hostPort(8080)
        .replicas(replicas)
        .addTo(stack);
    return stack.toModel();
  }
}
