package io.stackwright.render.compose;

import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;

/** Small stacks for the Compose renderer's tests. */
final class TestServices {
  private TestServices() {}

  /** {@return an empty stack {@code demo} in {@code dev} (a development environment)} */
  static Stack dev() {
    return new Stack("demo", "dev", "demo-dev", true);
  }

  /** {@return an empty stack {@code demo} in {@code prod}} */
  static Stack prod() {
    return new Stack("demo", "prod", "demo-prod", false);
  }

  /**
   * A service {@code name} with an image, a port, an HTTP probe and two replicas (what a shared
   * environment requires of a stateless service), to add to.
   */
  static GenericService.Builder web(String name) {
    return GenericService.builder(name)
        .image("ghcr.io/acme/" + name + ":1.0.0")
        .port("http", 8080)
        .httpProbe("/healthz", "http")
        .replicas(2);
  }
}
