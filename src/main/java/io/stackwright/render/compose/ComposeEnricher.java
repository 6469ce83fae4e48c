package io.stackwright.render.compose;

import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.Map;

/**
 * The Compose half of one cross-cutting default, such as the hardening or the health check of every
 * service: it adds its keys to each service, and to the prober beside a service that has one, so
 * that {@link ComposeRenderer} itself only assembles what the model says a service runs. Each
 * default, with its Kubernetes half and the policy rule that checks it, is a class of {@code
 * io.stackwright.render.enrich}.
 *
 * <p>The two hooks every service goes through are abstract, so that a default with nothing to add
 * to a prober says so.
 */
public interface ComposeEnricher {

  /**
   * Adds this default's keys to the Compose service of {@code service}.
   *
   * @param stack the stack the service belongs to
   * @param service the service, as the model describes it
   * @param out its Compose service, being built
   */
  void enrichComposeService(StackModel stack, ServiceModel service, ComposeService.Builder out);

  /**
   * Adds this default's keys to the prober that tests {@code service}'s readiness ({@link
   * io.stackwright.model.ComposeHealthCheck.Prober}).
   *
   * @param stack the stack the service belongs to
   * @param service the service the prober tests
   * @param prober the prober's Compose service, being built
   */
  void enrichComposeProber(StackModel stack, ServiceModel service, ComposeService.Builder prober);

  /**
   * Adds this default's top-level sections, once every service is built.
   *
   * @param stack the stack
   * @param file the Compose file, being built; nothing is added by default
   */
  default void enrichComposeFile(StackModel stack, ComposeFile.Builder file) {}

  /**
   * The files this default writes beside the Compose file, such as the config files it mounts.
   *
   * @param stack the stack
   * @return path inside {@code dist/<env>/} to file content; empty by default
   */
  default Map<String, String> composeFiles(StackModel stack) {
    return Map.of();
  }
}
