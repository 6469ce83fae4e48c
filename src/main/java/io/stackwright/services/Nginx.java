package io.stackwright.services;

import io.stackwright.config.EdgeRoute;
import io.stackwright.config.EdgeSettings;
import io.stackwright.config.NginxConf;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Endpoint;
import io.stackwright.model.Probe;
import io.stackwright.stack.Stack;
import java.util.List;

/**
 * The edge: unprivileged nginx (uid 101, port 8080) routing {@code /} to the frontend and {@code
 * /api/} to the backend, with a generated {@code nginx.conf} (security headers, gzip, per-client
 * rate limit on the API, body-size limit, upstream keep-alive, {@code /healthz}). The one service
 * Compose publishes; on Kubernetes an Ingress reaches it where the environment names a host.
 */
public final class Nginx {
  /** The image used when the environment file names none: pinned, unprivileged. */
  public static final String DEFAULT_IMAGE = "nginxinc/nginx-unprivileged:1.27.3-alpine";

  /** The service name. */
  public static final String NAME = "nginx";

  /** The port it listens on. */
  public static final int HTTP_PORT = 8080;

  /**
   * Adds the edge to the stack as the service {@code nginx}.
   *
   * @param stack the stack
   * @param props the environment's settings
   * @param frontend where pages come from
   * @param backend where {@code /api/} goes
   */
  public Nginx(Stack stack, NginxProps props, Frontend frontend, Backend backend) {
    Endpoint pages = frontend.endpoint();
    Endpoint api = backend.endpoint();
    boolean tls = props.ingress() != null && props.ingress().tlsSecret() != null;
    String conf =
        NginxConf.edge(
            new EdgeSettings(
                HTTP_PORT,
                List.of(
                    EdgeRoute.to("/api/", api.service(), api.service(), api.port()).withRateLimit(),
                    EdgeRoute.to("/", pages.service(), pages.service(), pages.port())),
                tls,
                props.rateLimitPerSecond(),
                props.rateLimitBurst(),
                props.maxBodySize(),
                props.contentSecurityPolicy(),
                props.trustedProxies(),
                props.resources().toResources().cpuLimit()));
    Probe.HttpGet health = new Probe.HttpGet("/healthz", HTTP_PORT);
    GenericService.Builder service =
        GenericService.builder(NAME)
            .component("edge")
            .image(props.image())
            .replicas(props.replicas())
            .autoscaling(props.autoscaling() == null ? null : props.autoscaling().toAutoscaling())
            .port("http", HTTP_PORT)
            .config(NginxConf.CONFIG_PATH, conf, ConfigChecker.NGINX)
            .dependsOn(pages)
            .dependsOn(api)
            .readiness(new Probe(health, 10, 3, 3))
            .liveness(new Probe(health, 10, 3, 3))
            .resources(props.resources().toResources())
            .runAs(Frontend.NGINX_UID, Frontend.NGINX_UID)
            .hostPort(props.hostPort())
            .ingress(
                props.ingress() == null ? null : props.ingress().toIngress(props.maxBodySize()));
    NginxConf.WRITABLE_PATHS.forEach(service::writable);
    service.addTo(stack);
  }
}
