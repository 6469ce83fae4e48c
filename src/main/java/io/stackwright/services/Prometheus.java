package io.stackwright.services;

import io.stackwright.config.PrometheusConf;
import io.stackwright.config.RbacRule;
import io.stackwright.config.ScrapeTarget;
import io.stackwright.model.ApiAccess;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Endpoint;
import io.stackwright.model.Metrics;
import io.stackwright.model.Probe;
import io.stackwright.model.ServiceModel;
import io.stackwright.stack.Stack;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Prometheus, scraping every service of the stack that declares {@link Metrics}: add it after the
 * services it watches. On Kubernetes it discovers their endpoints through the API, with a
 * ServiceAccount whose Role may only list and watch in the stack's namespace; in Compose it lists
 * them statically. Data on its own volume; runs as {@code nobody} (65534), as the image does.
 */
public final class Prometheus {
  /** The image used when the environment file names none: pinned. */
  public static final String DEFAULT_IMAGE = "prom/prometheus:v3.1.0";

  /** The service name. */
  public static final String NAME = "prometheus";

  /** Prometheus's port. */
  public static final int PORT = 9090;

  private static final int NOBODY = 65534;
  private static final String CONFIG_PATH = "/etc/prometheus/prometheus.yml";
  private static final String DATA_DIR = "/prometheus";

  /**
   * Adds Prometheus to the stack as the service {@code prometheus}.
   *
   * @param stack the stack; it scrapes every service with metrics, added before or after it
   * @param props the environment's settings
   */
  public Prometheus(Stack stack, PrometheusProps props) {
    String namespace = stack.namespace();
    // Made when the stack is finished, so that it scrapes every service, added before it or after.
    stack.addLast(
        others -> service(namespace, props, targets(others)), props, UnaryOperator.identity());
    stack.scrapedBy(NAME);
  }

  /** The scrape target of every service that serves metrics. */
  private static List<ScrapeTarget> targets(List<ServiceModel> services) {
    List<ScrapeTarget> targets = new ArrayList<>();
    for (ServiceModel service : services) {
      if (service.metrics() != null) {
        Metrics metrics = service.metrics();
        targets.add(
            new ScrapeTarget(
                service.name(),
                service.name(),
                service.port(metrics.portName()).port(),
                metrics.portName(),
                metrics.path()));
      }
    }
    return targets;
  }

  private static ServiceModel service(
      String namespace, PrometheusProps props, List<ScrapeTarget> targets) {
    int interval = props.scrapeIntervalSeconds();
    // Leave a fifth of the volume free: the size limit is checked only per block.
    long retentionMebibytes = props.storage().mebibytes() * 8 / 10;
    GenericService.Builder service =
        GenericService.builder(NAME)
            .component("monitoring")
            .image(props.image())
            .volume("data", DATA_DIR, props.storage(), props.storageClass())
            .port("http", PORT)
            .args(
                List.of(
                    "--config.file=" + CONFIG_PATH,
                    "--storage.tsdb.path=" + DATA_DIR,
                    "--storage.tsdb.retention.time=" + props.retentionDays() + "d",
                    "--storage.tsdb.retention.size=" + retentionMebibytes + "MB"))
            .config(
                CONFIG_PATH,
                PrometheusConf.kubernetes(namespace, interval, targets),
                PrometheusConf.compose(interval, targets),
                ConfigChecker.PROMETHEUS)
            .metrics("http", "/metrics")
            .readiness(new Probe(new Probe.HttpGet("/-/ready", PORT), 10, 3, 3))
            .liveness(new Probe(new Probe.HttpGet("/-/healthy", PORT), 15, 5, 4))
            .startupSeconds(120)
            .resources(props.resources().toResources())
            .runAs(NOBODY, NOBODY);
    for (RbacRule rule : PrometheusConf.RBAC_RULES) {
      service.apiAccess(new ApiAccess(rule.apiGroups(), rule.resources(), rule.verbs()));
    }
    return service.build();
  }

  /** {@return where clients, such as a dashboard, query it} */
  public Endpoint endpoint() {
    return new Endpoint(NAME, PORT);
  }
}
