package io.stackwright.render.compose;

import io.stackwright.model.ServiceModel;
import java.util.Map;

/**
 * One cross-cutting concern of every Compose service, such as its hardening or its health check: it
 * adds its keys to each service, and to the prober beside a service that has one, so that the
 * renderer itself only assembles. Each is the Compose half of what the {@code PolicyRule} named by
 * {@link #rule()} checks, so that what is made and what is checked can be read side by side.
 */
interface ComposeEnricher {

  /** {@return the id of the policy rule that checks what this concern adds} */
  String rule();

  /**
   * Adds this concern's keys to the Compose service of {@code service}.
   *
   * @param service the service, as the model describes it
   * @param out its Compose service, being built
   */
  void enrich(ServiceModel service, ComposeService.Builder out);

  /**
   * Adds this concern's keys to the prober that tests {@code service}'s readiness ({@link
   * io.stackwright.model.ComposeHealthCheck.Prober}).
   *
   * @param service the service the prober tests
   * @param prober the prober's Compose service, being built
   */
  void enrichProber(ServiceModel service, ComposeService.Builder prober);

  /**
   * Adds this concern's top-level sections, once every service is built.
   *
   * @param file the Compose file, being built
   */
  default void finish(ComposeFile.Builder file) {}

  /**
   * The files this concern writes beside the Compose file, such as the config files it mounts.
   *
   * @return path inside {@code dist/<env>/} to file content; empty by default
   */
  default Map<String, String> files() {
    return Map.of();
  }
}
