package io.stackwright.validate.cluster;

import io.stackwright.services.ClusterProps;
import io.stackwright.services.GenericService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresProps;
import io.stackwright.services.Prometheus;
import io.stackwright.services.PrometheusProps;
import io.stackwright.services.Redis;
import io.stackwright.services.RedisProps;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;

/**
 * The deploy lifecycle's stack: the example's API and worker on PostgreSQL and Redis, Prometheus
 * scraping both; with {@code withWorker} false, the same stack with the worker deleted from its
 * definition, as an engineer would remove a service.
 *
 * @param withWorker whether the stack has its worker
 */
record LifecycleStack(boolean withWorker) implements StackDefinition<LifecycleStack.Lab> {

  /**
   * The environment file: the namespace, the two apps' images and replicas, the rest defaults.
   *
   * @param namespace the namespace
   * @param api the API
   * @param worker the worker
   * @param postgres PostgreSQL
   * @param redis Redis
   * @param prometheus Prometheus
   * @param cluster the cluster
   */
  public record Lab(
      String namespace,
      HttpServiceProps api,
      HttpServiceProps worker,
      PostgresProps postgres,
      RedisProps redis,
      PrometheusProps prometheus,
      ClusterProps cluster) {
    public Lab {
      postgres = postgres == null ? PostgresProps.defaults() : postgres;
      redis = redis == null ? RedisProps.defaults() : redis;
      prometheus = prometheus == null ? PrometheusProps.defaults() : prometheus;
      cluster = cluster == null ? ClusterProps.defaults() : cluster;
    }
  }

  @Override
  public Class<Lab> propsType() {
    return Lab.class;
  }

  @Override
  public String name() {
    return "lifecycle";
  }

  @Override
  public String namespace(String environment, Lab props) {
    return props.namespace();
  }

  @Override
  public boolean isDevelopment(String environment) {
    return false;
  }

  @Override
  public void define(Stack stack, Lab props) {
    stack.network(props.cluster().toNetwork());
    Postgres postgres = new Postgres(stack, props.postgres());
    Redis redis = new Redis(stack, props.redis());
    app("api", props.api(), postgres, redis)
        .port("http", 8000)
        .metrics("http", "/metrics")
        .httpProbe("/healthz", "http")
        .addTo(stack);
    if (withWorker) {
      app("worker", props.worker(), postgres, redis)
          .port("metrics", 9100)
          .metrics("metrics", "/metrics")
          .httpProbe("/healthz", "metrics")
          .addTo(stack);
    }
    new Prometheus(stack, props.prometheus());
  }

  private static GenericService.Builder app(
      String name, HttpServiceProps props, Postgres postgres, Redis redis) {
    return GenericService.builder(name)
        .image(props.image())
        .component(name)
        .replicas(props.replicas())
        .resources(props.effectiveResources())
        .envHost("DB_HOST", postgres.endpoint())
        .env("DB_NAME", postgres.database())
        .secret(postgres.password(), "DB_PASSWORD_FILE")
        .envHost("REDIS_HOST", redis.endpoint())
        .secret(redis.password(), "REDIS_PASSWORD_FILE")
        .writable("/tmp")
        .dependsOn(postgres.endpoint())
        .dependsOn(redis.endpoint());
  }
}
