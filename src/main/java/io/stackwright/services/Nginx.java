package io.stackwright.services;

import io.stackwright.config.EdgeSettings;
import io.stackwright.config.NginxConf;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.stack.Stack;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The edge: unprivileged nginx (uid 101, port 8080) in front of the stack, routing by path prefix
 * to any services through a typed route table ({@link NginxRoute}), with a generated {@code
 * nginx.conf}: security headers, gzip, per-client rate limits per route (per second or per minute,
 * several at once), body-size limits, relative redirects, upstream keep-alive and {@code /healthz}.
 * It depends on every service it routes to, so the network policies and Compose follow the table.
 * The one service Compose publishes; on Kubernetes an Ingress reaches it where the environment
 * names a host.
 *
 * <pre>{@code
 * new Nginx(stack, props, List.of(
 *     NginxRoute.to(spa.endpoint()).build(),
 *     NginxRoute.to(api.endpoint()).path("/api").rateLimit(RateLimit.perSecond(10, 20)).build(),
 *     NginxRoute.to(api.endpoint())
 *         .path("/api/v1/auth")
 *         .rateLimit(RateLimit.perSecond(10, 20))
 *         .rateLimit(RateLimit.perMinute(5, 0))
 *         .build()));
 * }</pre>
 */
public final class Nginx {
  /** The image used when the environment file names none: pinned, unprivileged. */
  public static final String DEFAULT_IMAGE = "nginxinc/nginx-unprivileged:1.27.3-alpine";

  /** The service name. */
  public static final String NAME = "nginx";

  /** The port it listens on. */
  public static final int HTTP_PORT = 8080;

  /**
   * Adds the shop's edge to the stack as the service {@code nginx}: {@code /api/} to the backend,
   * rate-limited per {@link NginxProps#apiRateLimit()}, and {@code /} to the frontend. The same as
   * the route table
   *
   * <pre>{@code
   * List.of(
   *     NginxRoute.to(backend.endpoint()).path("/api/").rateLimit(props.apiRateLimit()).build(),
   *     NginxRoute.to(frontend.endpoint()).build())
   * }</pre>
   *
   * @param stack the stack
   * @param props the environment's settings
   * @param frontend where pages come from
   * @param backend where {@code /api/} goes
   */
  public Nginx(Stack stack, NginxProps props, Frontend frontend, Backend backend) {
    this(
        stack,
        props,
        List.of(
            NginxRoute.to(backend.endpoint()).path("/api/").rateLimit(props.apiRateLimit()).build(),
            NginxRoute.to(frontend.endpoint()).build()));
  }

  /**
   * Adds an edge with a route table of one's own to the stack as the service {@code nginx}. The
   * props' {@code rateLimitPerSecond} and {@code rateLimitBurst} apply only where a route uses
   * {@link NginxProps#apiRateLimit()}; every other setting applies as in the shop's edge.
   *
   * @param stack the stack
   * @param props the environment's settings: image, replicas, resources, the default body size, the
   *     content security policy, the Ingress (with TLS: {@code Strict-Transport-Security}) and the
   *     trusted proxies
   * @param routes the route table: at least one route, each path prefix once (in the file in this
   *     order; nginx picks the longest matching prefix)
   * @throws io.stackwright.env.InvalidPropException when the table is empty or has a prefix twice
   */
  public Nginx(Stack stack, NginxProps props, List<NginxRoute> routes) {
    List<NginxRoute> table = List.copyOf(routes);
    boolean tls = props.ingress() != null && props.ingress().tlsSecret() != null;
    String conf =
        NginxConf.edge(
            new EdgeSettings(
                HTTP_PORT,
                table.stream().map(NginxRoute::toEdgeRoute).toList(),
                tls,
                props.maxBodySize(),
                props.contentSecurityPolicy(),
                props.trustedProxies(),
                props.resources().toResources().cpuLimit()));
    // What the Ingress in front must let through: the largest body any route accepts.
    Memory largestBody =
        table.stream()
            .map(NginxRoute::maxBodySize)
            .filter(Objects::nonNull)
            .reduce(props.maxBodySize(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
    Probe.HttpGet health = new Probe.HttpGet("/healthz", HTTP_PORT);
    GenericService.Builder service =
        GenericService.builder(NAME)
            .component("edge")
            .image(props.image())
            .replicas(props.replicas())
            .autoscaling(props.autoscaling() == null ? null : props.autoscaling().toAutoscaling())
            .port("http", HTTP_PORT)
            .config(NginxConf.CONFIG_PATH, conf, ConfigChecker.NGINX);
    // The edge connects to every service it routes to: network policies and Compose follow.
    for (NginxRoute route : table) {
      service.dependsOn(route.endpoint());
    }
    service
        .readiness(new Probe(health, 10, 3, 3))
        .liveness(new Probe(health, 10, 3, 3))
        .resources(props.resources().toResources())
        .runAs(Frontend.NGINX_UID, Frontend.NGINX_UID)
        .hostPort(props.hostPort())
        .ingress(props.ingress() == null ? null : props.ingress().toIngress(largestBody));
    NginxConf.WRITABLE_PATHS.forEach(service::writable);
    service.madeFrom(props, UnaryOperator.identity()).addTo(stack);
  }
}
