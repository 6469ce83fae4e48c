package io.stackwright.model;

import java.util.Objects;

/**
 * How Compose tests a service's readiness: the health check that {@code depends_on: {condition:
 * service_healthy}} waits for. Kubernetes is not affected: its kubelet makes the readiness probe's
 * HTTP request itself, whatever the image contains.
 *
 * <p>Default: {@link #IN_CONTAINER}, a health check that runs in the service's own container
 * ({@code wget} for an HTTP probe, the command for an exec probe). An image without {@code wget} (a
 * Jib or distroless image, one without a shell) can never pass it, so what depends on it never
 * starts; such a service takes {@link #prober()}.
 *
 * <pre>{@code
 * GenericService.builder("api")
 *     .image("ghcr.io/acme/api:1.0.0")     // a Jib image: no shell, no wget
 *     .port("http", 8080)
 *     .httpProbe("/health/ready", "http")
 *     .composeHealthCheck(ComposeHealthCheck.prober())
 *     .addTo(stack);
 * }</pre>
 */
public sealed interface ComposeHealthCheck
    permits ComposeHealthCheck.InContainer, ComposeHealthCheck.Prober {

  /** The image a {@link #prober()} runs: {@value}, pinned. */
  String DEFAULT_PROBER_IMAGE = "busybox:1.37.0";

  /** The suffix of a prober's Compose service name: {@code <service>}{@value}. */
  String PROBER_SUFFIX = "-ready";

  /**
   * The health check runs inside the service's container: {@code wget -q -O /dev/null
   * http://127.0.0.1:<port><path>} for an HTTP readiness probe, the probe's command for an exec
   * one. The default; the image must contain {@code wget} for an HTTP probe.
   */
  ComposeHealthCheck IN_CONTAINER = new InContainer();

  /**
   * A prober beside the service, in the image {@value #DEFAULT_PROBER_IMAGE}: see {@link Prober}.
   *
   * @return a prober in the default image
   */
  static ComposeHealthCheck prober() {
    return new Prober(ImageRef.parse(DEFAULT_PROBER_IMAGE));
  }

  /**
   * A prober beside the service, in an image of one's own (such as a mirror of {@value
   * #DEFAULT_PROBER_IMAGE} in a registry of one's own): see {@link Prober}.
   *
   * @param image an image whose {@code wget} and {@code sleep} take busybox's arguments; pinned
   *     outside development, as every image
   * @return a prober in that image
   */
  static ComposeHealthCheck prober(ImageRef image) {
    return new Prober(image);
  }

  /** The health check runs inside the service's container; see {@link #IN_CONTAINER}. */
  record InContainer() implements ComposeHealthCheck {}

  /**
   * In Compose only, a small service {@code <service>-ready} beside the service tests the service's
   * HTTP readiness probe from outside, with its own {@code wget} of {@code
   * http://<service>:<port><path>} (the probe's port and path, its timings and the service's
   * start-up time), while the service's own health check is disabled. What depends on the service
   * waits for the prober to be healthy. The prober runs {@code sleep} and its health check, nothing
   * else: as a numeric non-root user (65534), read-only, with every capability dropped, no
   * privilege escalation, 16 MiB of memory, no published port, on an internal network it shares
   * with the service alone. It needs an HTTP readiness probe.
   *
   * @param image the prober's image
   */
  record Prober(ImageRef image) implements ComposeHealthCheck {
    /**
     * Requires an image.
     *
     * @param image see {@link #image()}
     */
    public Prober {
      Objects.requireNonNull(image, "prober image");
    }
  }
}
