package example.tasks;

import io.stackwright.env.InvalidPropException;
import io.stackwright.services.ClusterProps;
import io.stackwright.services.PostgresProps;
import io.stackwright.services.PrometheusProps;
import io.stackwright.services.RedisProps;
import io.stackwright.validate.Waiver;
import java.util.List;

/**
 * The root of an environment file of the tasks stack ({@code examples/tasks/environments/*.yaml}).
 *
 * @param namespace Kubernetes namespace. Default: {@code tasks-<env>}.
 * @param api the HTTP API. Required.
 * @param worker the background worker. Required.
 * @param postgres PostgreSQL. Default: every {@link PostgresProps} default.
 * @param redis Redis, the job queue. Default: every {@link RedisProps} default.
 * @param prometheus Prometheus. Default: every {@link PrometheusProps} default.
 * @param grafana Grafana. Default: every {@link GrafanaProps} default.
 * @param cluster the cluster's DNS and API server. Default: every {@link ClusterProps} default.
 * @param waivers exemptions from policy rules. Default: none.
 */
public record TasksEnvironment(
    String namespace,
    AppProps api,
    AppProps worker,
    PostgresProps postgres,
    RedisProps redis,
    PrometheusProps prometheus,
    GrafanaProps grafana,
    ClusterProps cluster,
    List<Waiver> waivers) {

  /** Applies the defaults. */
  public TasksEnvironment {
    if (api == null) {
      throw new InvalidPropException("api", "missing required key \"api\"", "add an api: section");
    }
    if (worker == null) {
      throw new InvalidPropException(
          "worker", "missing required key \"worker\"", "add a worker: section");
    }
    postgres = postgres == null ? PostgresProps.defaults() : postgres;
    redis = redis == null ? RedisProps.defaults() : redis;
    prometheus = prometheus == null ? PrometheusProps.defaults() : prometheus;
    grafana = grafana == null ? GrafanaProps.defaults() : grafana;
    cluster = cluster == null ? ClusterProps.defaults() : cluster;
    waivers = waivers == null ? List.of() : List.copyOf(waivers);
  }
}
