package io.stackwright.shop;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Names;
import io.stackwright.services.BackendProps;
import io.stackwright.services.ClusterProps;
import io.stackwright.services.DevToolsProps;
import io.stackwright.services.FrontendProps;
import io.stackwright.services.NginxProps;
import io.stackwright.services.PostgresProps;
import io.stackwright.services.PrometheusProps;
import io.stackwright.services.RedisProps;
import io.stackwright.validate.Waiver;
import java.util.List;

/**
 * The root of an environment file of the shop stack ({@code environments/<env>.yaml}).
 *
 * @param namespace Kubernetes namespace, a DNS label other than {@code default} and {@code kube-*}.
 *     Default: {@code shop-<env>}.
 * @param backend the backend API. Required.
 * @param frontend the single-page app. Required.
 * @param postgres PostgreSQL. Default: every {@link PostgresProps} default.
 * @param redis Redis. Default: every {@link RedisProps} default.
 * @param nginx the edge. Default: every {@link NginxProps} default.
 * @param prometheus Prometheus. Default: every {@link PrometheusProps} default.
 * @param devTools development tools beside the Compose stack; development environments only.
 *     Default: every {@link DevToolsProps} default in a development environment.
 * @param cluster the cluster's DNS and API server, for the network policies. Default: every {@link
 *     ClusterProps} default.
 * @param waivers exemptions from policy rules, each for one object and with a reason (see {@link
 *     Waiver}). Default: none.
 */
public record ShopEnvironment(
    String namespace,
    BackendProps backend,
    FrontendProps frontend,
    PostgresProps postgres,
    RedisProps redis,
    NginxProps nginx,
    PrometheusProps prometheus,
    DevToolsProps devTools,
    ClusterProps cluster,
    List<Waiver> waivers) {

  /**
   * Applies the defaults and checks the namespace.
   *
   * @param namespace see {@link #namespace()}
   * @param backend see {@link #backend()}
   * @param frontend see {@link #frontend()}
   * @param postgres see {@link #postgres()}
   * @param redis see {@link #redis()}
   * @param nginx see {@link #nginx()}
   * @param prometheus see {@link #prometheus()}
   * @param devTools see {@link #devTools()}
   * @param cluster see {@link #cluster()}
   * @param waivers see {@link #waivers()}
   */
  public ShopEnvironment {
    if (namespace != null && !Names.isDnsLabel(namespace)) {
      throw new InvalidPropException(
          "namespace",
          "\"" + namespace + "\" is not a valid namespace name",
          "use lower-case letters, digits and '-', starting with a letter, at most 63 characters");
    }
    if (namespace != null && Names.isReservedNamespace(namespace)) {
      throw new InvalidPropException(
          "namespace",
          "\"" + namespace + "\" belongs to the cluster, not to a stack",
          "use a namespace of the stack's own, such as shop-<env>");
    }
    if (backend == null) {
      throw new InvalidPropException(
          "backend", "missing required key \"backend\"", "add a backend: section with an image");
    }
    if (frontend == null) {
      throw new InvalidPropException(
          "frontend", "missing required key \"frontend\"", "add a frontend: section with an image");
    }
    postgres = postgres == null ? PostgresProps.defaults() : postgres;
    redis = redis == null ? RedisProps.defaults() : redis;
    nginx = nginx == null ? NginxProps.defaults() : nginx;
    prometheus = prometheus == null ? PrometheusProps.defaults() : prometheus;
    cluster = cluster == null ? ClusterProps.defaults() : cluster;
    waivers = waivers == null ? List.of() : List.copyOf(waivers);
  }
}
