package io.stackwright.render.compose;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.model.ConfigFile;
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
 * volume, published port, config files), then lets each cross-cutting default add its part ({@link
 * ComposeEnricher}: hardening, labels, networks, health checks, secrets, resources; see {@code
 * io.stackwright.render.enrich}). A service whose image cannot run its own health check gets a
 * prober beside it ({@link ComposeHealthCheck.Prober}), to which the same defaults apply. {@link
 * ComposeYaml} writes the result, after the stack's patches.
 */
public final class ComposeRenderer {

  /** The Compose file's path inside {@code dist/<env>/}. */
  public static final String COMPOSE_FILE = "compose/compose.yaml";

  /** Longest a 32-bit sleep takes; init forwards a stop's SIGTERM to it, so it ends at once. */
  private static final List<String> SLEEP = List.of("sleep", "2147483647");

  /** Docker's default json-file log grows without bound. */
  private static final ComposeService.Logging LOGGING =
      new ComposeService.Logging("json-file", Map.of("max-size", "10m", "max-file", "3"));

  private final List<ComposeEnricher> enrichers;

  /**
   * Creates a renderer.
   *
   * @param enrichers the cross-cutting defaults, each applied to every service in this order
   */
  public ComposeRenderer(List<? extends ComposeEnricher> enrichers) {
    this.enrichers = List.copyOf(enrichers);
  }

  /**
   * Renders the stack.
   *
   * @param stack the checked model of one environment
   * @return path inside {@code dist/<env>/} to file content
   */
  public Map<String, String> render(StackModel stack) {
    ComposeFile.Builder file = ComposeFile.builder(stack.name() + "-" + stack.environment());
    for (ServiceModel service : stack.services()) {
      ComposeService.Builder out = service(service, file);
      enrichers.forEach(enricher -> enricher.enrichComposeService(stack, service, out));
      file.service(service.name(), out.build());
      if (service.composeProber() != null) {
        ComposeService.Builder prober = prober(service);
        enrichers.forEach(enricher -> enricher.enrichComposeProber(stack, service, prober));
        file.service(service.composeProber(), prober.build());
      }
    }
    Map<String, String> files = new TreeMap<>(configFiles(stack));
    for (ComposeEnricher enricher : enrichers) {
      enricher.enrichComposeFile(stack, file);
      files.putAll(enricher.composeFiles(stack));
    }
    files.put(COMPOSE_FILE, ComposeYaml.write(file.build(), stack.patches()));
    return files;
  }

  /**
   * What {@code service} runs, as the model says; its named volume and its config files are added
   * to {@code file}.
   */
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
    for (ConfigFile config : service.configFiles()) {
      // Mounted where the service reads it, as its ConfigMap's file is on Kubernetes.
      String name = service.name() + "-" + config.name();
      file.config(name, new ComposeFile.Config("./" + configPath(service, config)));
      out.config(new ComposeService.ConfigMount(name, config.mountPath()));
    }
    return out;
  }

  /** Each service's config files, written beside the Compose file. */
  private static Map<String, String> configFiles(StackModel stack) {
    Map<String, String> files = new TreeMap<>();
    for (ServiceModel service : stack.services()) {
      for (ConfigFile config : service.configFiles()) {
        files.put("compose/" + configPath(service, config), config.compose());
      }
    }
    return files;
  }

  private static String configPath(ServiceModel service, ConfigFile config) {
    return "config/" + service.name() + "/" + config.name();
  }

  /**
   * The Compose service {@code <service>-ready} that tests the HTTP readiness probe of {@code
   * service} from beside it, for an image without {@code wget}: a process that only waits; the
   * health check that tests the service is added by the health checks' enricher.
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
