package io.stackwright.render.enrich;

import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;

/** Small stacks for the renderers' and the defaults' tests. */
public final class TestServices {
  private TestServices() {}

  /**
   * An empty stack in a development environment.
   *
   * @return the stack {@code demo} in {@code dev}
   */
  public static Stack dev() {
    return new Stack("demo", "dev", "demo-dev", true);
  }

  /**
   * An empty stack in an environment that is not a development one.
   *
   * @return the stack {@code demo} in {@code prod}
   */
  public static Stack prod() {
    return new Stack("demo", "prod", "demo-prod", false);
  }

  /**
   * A service with an image, a port, an HTTP probe and two replicas (what a shared environment
   * requires of a stateless service), to add to.
   *
   * @param name the service's name
   * @return its builder
   */
  public static GenericService.Builder web(String name) {
    return GenericService.builder(name)
        .image("ghcr.io/acme/" + name + ":1.0.0")
        .port("http", 8080)
        .httpProbe("/healthz", "http")
        .replicas(2);
  }
}
