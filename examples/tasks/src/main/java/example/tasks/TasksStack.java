package example.tasks;

import io.stackwright.cli.Main;
import io.stackwright.model.Probe;
import io.stackwright.model.SecretFile;
import io.stackwright.services.GenericService;
import io.stackwright.services.Postgres;
import io.stackwright.services.Prometheus;
import io.stackwright.services.Redis;
import io.stackwright.services.ResourcesProps;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.util.List;

/**
 * A second stack, built only through the public API: an HTTP API and a background worker sharing
 * PostgreSQL and a Redis queue, Prometheus scraping both, Grafana with Prometheus provisioned as
 * its data source, and, in development only, a database admin UI.
 */
public final class TasksStack implements StackDefinition<TasksEnvironment> {
  /** Grafana's default image: pinned. */
  public static final String GRAFANA_IMAGE = "grafana/grafana:11.4.0";

  private static final String ADMIN_UI_IMAGE = "adminer:4.8.1-standalone";
  private static final int GRAFANA_UID = 472;

  /** {@code mvn -q compile exec:java -Denv=<name|all>} in {@code examples/tasks}. */
  public static void main(String[] args) {
    Main.main(new TasksStack(), args);
  }

  @Override
  public String name() {
    return "tasks";
  }

  @Override
  public String namespace(String environment, TasksEnvironment props) {
    return props.namespace() != null ? props.namespace() : "tasks-" + environment;
  }

  @Override
  public void define(Stack stack, TasksEnvironment props) {
    stack.network(props.cluster().toNetwork());

    Postgres postgres = new Postgres(stack, props.postgres());
    Redis redis = new Redis(stack, props.redis());
    app(GenericService.builder("api"), props.api(), postgres, redis)
        .component("api")
        .port("http", 8000)
        .httpProbe("/healthz", "http")
        .metrics("http", "/metrics")
        .hostPort(8000)
        .addTo(stack);
    app(GenericService.builder("worker"), props.worker(), postgres, redis)
        .component("worker")
        .port("metrics", 9100)
        .httpProbe("/healthz", "metrics")
        .metrics("metrics", "/metrics")
        .args(List.of("worker", "--queue", "tasks"))
        .addTo(stack);
    // What the model does not describe: time for the worker to finish the job it holds.
    stack.patchKubernetes(
        "Deployment",
        "worker",
        deployment ->
            deployment.withObject("/spec/template/spec").put("terminationGracePeriodSeconds", 120));
    stack.patchCompose("worker", service -> service.put("stop_grace_period", "120s"));
    Prometheus prometheus = new Prometheus(stack, props.prometheus());

    GrafanaProps grafana = props.grafana();
    String datasources = "/etc/grafana/provisioning/datasources/prometheus.yaml";
    GenericService.builder("grafana")
        .image(grafana.image())
        .component("dashboards")
        .port("http", 3000)
        .runAs(GRAFANA_UID, GRAFANA_UID)
        .volume("data", "/var/lib/grafana", grafana.storage(), null)
        .writable("/tmp")
        .env("GF_PATHS_DATA", "/var/lib/grafana")
        .env("GF_ANALYTICS_REPORTING_ENABLED", "false")
        .env("GF_ANALYTICS_CHECK_FOR_UPDATES", "false")
        // Its default also logs to a file under the read-only root filesystem.
        .env("GF_LOG_MODE", "console")
        .secret(
            new SecretFile("grafana-admin-password", grafana.adminPasswordSecret(), "password"),
            "GF_SECURITY_ADMIN_PASSWORD__FILE")
        .config(
            datasources,
            datasource(prometheus.endpoint().kubernetesHost(stack.namespace())),
            datasource(prometheus.endpoint().composeHost()))
        .httpProbe("/api/health", "http")
        .startupSeconds(60)
        .dependsOn(prometheus.endpoint())
        .hostPort(3000)
        .addTo(stack);

    if (stack.development()) {
      List<String> up = List.of("php", "-r", "exit(@fsockopen('127.0.0.1', 8080) ? 0 : 1);");
      GenericService.builder("admin-ui")
          .image(ADMIN_UI_IMAGE)
          .component("admin")
          .port("http", 8080)
          .envHost("ADMINER_DEFAULT_SERVER", postgres.endpoint())
          .writable("/tmp")
          .probe(new Probe(new Probe.Exec(up), 10, 3, 3))
          .dependsOn(postgres.endpoint())
          .hostPort(8081)
          .addTo(stack);
    }
  }

  private static GenericService.Builder app(
      GenericService.Builder service, AppProps props, Postgres postgres, Redis redis) {
    return service
        .image(props.image())
        .replicas(props.replicas())
        .resources(ResourcesProps.orDefaults(props.resources(), GenericService.DEFAULT_RESOURCES))
        .envHost("DB_HOST", postgres.endpoint())
        .envPort("DB_PORT", postgres.endpoint())
        .env("DB_NAME", postgres.database())
        .env("DB_USER", postgres.user())
        .secret(postgres.password(), "DB_PASSWORD_FILE")
        .envHost("REDIS_HOST", redis.endpoint())
        .envPort("REDIS_PORT", redis.endpoint())
        .secret(redis.password(), "REDIS_PASSWORD_FILE")
        .writable("/tmp")
        .dependsOn(postgres.endpoint())
        .dependsOn(redis.endpoint());
  }

  /** Grafana's data source provisioning: Prometheus, the default, at that host. */
  private static String datasource(String host) {
    return "apiVersion: 1\n"
        + "datasources:\n"
        + "  - name: Prometheus\n"
        + "    type: prometheus\n"
        + "    access: proxy\n"
        + "    url: http://"
        + host
        + ":"
        + Prometheus.PORT
        + "\n"
        + "    isDefault: true\n"
        + "    editable: false\n";
  }
}
