package io.stackwright.render.compose;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.PersistentData;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Addresses;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link StackModel} into a Compose file (the Compose Specification, as read by Docker
 * Compose v2), from the same model as the Kubernetes renderer.
 *
 * <p>It assembles each service from what the model says it runs (image, command, environment,
 * volume, published port), then lets each cross-cutting concern add its part, the Compose half of
 * the policy rule that checks it: {@link ComposeHardening} confines every service as its pod is,
 * {@link ComposeLabels} labels it, {@link ComposeNetworks} lets it reach only what it depends on,
 * {@link ComposeHealthChecks} starts it once what it depends on is healthy, {@link ComposeSecrets}
 * mounts secrets and config files as files, and {@link ComposeResources} gives it its resources. A
 * service whose image cannot run its own health check gets a prober beside it ({@link
 * ComposeHealthCheck.Prober}), to which the same concerns apply. {@link ComposeYaml} writes the
 * result, after the stack's patches.
 */
public final class ComposeRenderer {

  /** The Compose file's path inside {@code dist/<env>/}. */
  public static final String COMPOSE_FILE = "compose/compose.yaml";

  /** Longest a 32-bit sleep takes; init forwards a stop's SIGTERM to it, so it ends at once. */
  private static final List<String> SLEEP = List.of("sleep", "2147483647");

  /** Docker's default json-file log grows without bound. */
  private static final ComposeService.Logging LOGGING =
      new ComposeService.Logging("json-file", Map.of("max-size", "10m", "max-file", "3"));

  /** Creates a renderer. */
  public ComposeRenderer() {}

  /**
   * Renders the stack.
   *
   * @param stack the checked model of one environment
   * @return path inside {@code dist/<env>/} to file content
   */
  public Map<String, String> render(StackModel stack) {
    List<ComposeEnricher> enrichers = enrichers(stack);
    ComposeFile.Builder file = ComposeFile.builder(stack.name() + "-" + stack.environment());
    for (ServiceModel service : stack.services()) {
      ComposeService.Builder out = service(service, file);
      enrichers.forEach(enricher -> enricher.enrich(service, out));
      file.service(service.name(), out.build());
      if (service.composeProber() != null) {
        ComposeService.Builder prober = prober(service);
        enrichers.forEach(enricher -> enricher.enrichProber(service, prober));
        file.service(service.composeProber(), prober.build());
      }
    }
    Map<String, String> files = new TreeMap<>();
    for (ComposeEnricher enricher : enrichers) {
      enricher.finish(file);
      files.putAll(enricher.files());
    }
    files.put(COMPOSE_FILE, ComposeYaml.write(file.build(), stack.patches()));
    return files;
  }

  /**
   * The cross-cutting concerns, each applied to every service of {@code stack}. Their order does
   * not matter: each sets keys (or labels) of its own.
   */
  static List<ComposeEnricher> enrichers(StackModel stack) {
    return List.of(
        new ComposeHardening(),
        new ComposeLabels(stack),
        new ComposeNetworks(stack),
        new ComposeHealthChecks(stack),
        new ComposeSecrets(stack),
        new ComposeResources());
  }

  /** What {@code service} runs, as the model says; its named volume is added to {@code file}. */
  private static ComposeService.Builder service(ServiceModel service, ComposeFile.Builder file) {
    ComposeService.Builder out =
        common(ComposeService.builder(service.image().toString()), service)
            .entrypoint(service.command())
            .command(service.args())
            .environment(Addresses.resolve(service.env(), host -> host));
    PersistentData data = service.data();
    if (data != null) {
      String volume = service.name() + "-" + data.volume();
      file.volume(volume);
      out.volume(new ComposeService.VolumeMount("volume", volume, data.mountPath()));
    }
    if (service.hostPort() != null) {
      out.port("127.0.0.1:" + service.hostPort() + ":" + service.mainPort().port());
    }
    return out;
  }

  /**
   * The Compose service {@code <service>-ready} that tests the HTTP readiness probe of {@code
   * service} from beside it, for an image without {@code wget}: a process that only waits; the
   * health check that tests the service is added by {@link ComposeHealthChecks}.
   */
  private static ComposeService.Builder prober(ServiceModel service) {
    ComposeHealthCheck.Prober check = (ComposeHealthCheck.Prober) service.composeHealthCheck();
    return common(ComposeService.builder(check.image().toString()), service)
        .entrypoint(SLEEP)
        .init(true);
  }

  /** What a service and its prober share: the profile, the restart policy and the log's bounds. */
  private static ComposeService.Builder common(ComposeService.Builder out, ServiceModel service) {
    if (service.composeProfile() != null) {
      out.profile(service.composeProfile());
    }
    return out.restart("unless-stopped").logging(LOGGING);
  }
}
