package io.stackwright.services;

import io.stackwright.config.NginxConf;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Endpoint;
import io.stackwright.model.Probe;
import io.stackwright.stack.Stack;
import java.util.function.UnaryOperator;

/**
 * The single-page app: static files served by unprivileged nginx (uid 101) on port 8080, with a
 * generated server configuration (fallback to {@code index.html}, long caching of hashed assets, a
 * {@code /healthz} location). Stateless, so a Deployment.
 */
public final class Frontend {
  /** The service name. */
  public static final String NAME = "frontend";

  /** The port it serves on: unprivileged, so no root is needed to bind it. */
  public static final int HTTP_PORT = 8080;

  /** The {@code nginx} user and group of the unprivileged nginx images. */
  public static final int NGINX_UID = 101;

  /**
   * Adds the frontend to the stack as the service {@code frontend}.
   *
   * @param stack the stack
   * @param props the environment's settings
   * @throws io.stackwright.env.InvalidPropException when {@code props} is {@code null}, at the key
   *     {@code frontend}: an environment file without that section
   */
  public Frontend(Stack stack, FrontendProps props) {
    Range.section(NAME, props, FrontendProps.class, "the app's image");
    Probe.HttpGet health = new Probe.HttpGet("/healthz", HTTP_PORT);
    GenericService.Builder service =
        GenericService.builder(NAME)
            .component("frontend")
            .image(props.image())
            .replicas(props.replicas())
            .autoscaling(props.autoscaling() == null ? null : props.autoscaling().toAutoscaling())
            .port("http", HTTP_PORT)
            .config(
                NginxConf.CONFIG_PATH,
                NginxConf.spa(HTTP_PORT, props.resources().toResources().cpuLimit()),
                ConfigChecker.NGINX)
            .readiness(new Probe(health, 10, 3, 3))
            .liveness(new Probe(health, 10, 3, 3))
            .resources(props.resources().toResources())
            .runAs(NGINX_UID, NGINX_UID);
    NginxConf.WRITABLE_PATHS.forEach(service::writable);
    service.madeFrom(props, UnaryOperator.identity()).addTo(stack);
  }

  /** {@return where the edge sends page requests} */
  public Endpoint endpoint() {
    return new Endpoint(NAME, HTTP_PORT);
  }
}
