package io.stackwright.services;

import io.stackwright.model.ConfigFile;
import io.stackwright.model.Endpoint;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.RateLimit;
import io.stackwright.model.StackModel;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.Waiver;
import java.time.Duration;
import java.util.List;

/**
 * The edge of the issue "A library teams reuse", built through the public API alone: a single-page
 * app and an API, two generic services, behind the edge; {@code /} to the app, {@code /api} to the
 * API at 10 requests a second, {@code /api/v1/auth} also at 5 a minute with a small body and no
 * caching, {@code /api/v1/uploads} with a large body; TLS in prod.
 */
public final class TeamEdgeStack implements StackDefinition<TeamEdgeStack.Settings> {

  /** The API's limit, on every route to it. */
  public static final RateLimit API = RateLimit.perSecond(10, 20);

  /** Sign-in attempts: five a minute per client, none at once beyond that. */
  public static final RateLimit AUTH = RateLimit.perMinute(5, 0);

  /** The team's prod edge: an Ingress with TLS in front, its controller's pods trusted. */
  public static final NginxProps PROD_EDGE =
      new NginxProps(
          null,
          2,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          new IngressProps("team.example.com", "team-tls", null, null),
          List.of("10.42.0.0/16"));

  /**
   * The team's prod stack, as its prod environment file gives it.
   *
   * @return the model
   */
  public static StackModel prod() {
    return new TeamEdgeStack().model("prod", new Settings(null, null, 2, PROD_EDGE, null));
  }

  /**
   * The edge's generated nginx.conf.
   *
   * @param stack a stack with the edge
   * @return the file's text, as Compose mounts it
   */
  public static String edgeConf(StackModel stack) {
    return stack.service(Nginx.NAME).configFiles().stream()
        .filter(f -> f.name().equals("nginx.conf"))
        .map(ConfigFile::compose)
        .findFirst()
        .orElseThrow();
  }

  /**
   * What the team's environment files set.
   *
   * @param web the app's image. Required.
   * @param api the API's image. Required.
   * @param replicas replicas of the app and the API. Default: 1.
   * @param nginx the edge. Default: every NginxProps default.
   * @param waivers exemptions from policy rules. Default: none.
   */
  public record Settings(
      ImageRef web, ImageRef api, Integer replicas, NginxProps nginx, List<Waiver> waivers) {
    /**
     * Applies the defaults.
     *
     * @param web see {@link #web()}
     * @param api see {@link #api()}
     * @param replicas see {@link #replicas()}
     * @param nginx see {@link #nginx()}
     * @param waivers see {@link #waivers()}
     */
    public Settings {
      web = web == null ? ImageRef.parse("ghcr.io/acme/team-web:1.0.0") : web;
      api = api == null ? ImageRef.parse("ghcr.io/acme/team-api:1.0.0") : api;
      replicas = replicas == null ? 1 : replicas;
      nginx = nginx == null ? NginxProps.defaults() : nginx;
    }
  }

  /**
   * The team's route table.
   *
   * @param web the app
   * @param api the API
   * @return the routes
   */
  public static List<NginxRoute> routes(Endpoint web, Endpoint api) {
    return List.of(
        NginxRoute.to(web).build(),
        NginxRoute.to(api).path("/api").rateLimit(API).readTimeout(Duration.ofSeconds(30)).build(),
        NginxRoute.to(api)
            .path("/api/v1/auth")
            .rateLimit(API)
            .rateLimit(AUTH)
            .maxBodySize(Memory.mebibytes(1))
            .header("Cache-Control", "no-store")
            .build(),
        NginxRoute.to(api)
            .path("/api/v1/uploads/")
            .rateLimit(API)
            .maxBodySize(Memory.mebibytes(50))
            .build());
  }

  @Override
  public Class<Settings> propsType() {
    return Settings.class;
  }

  @Override
  public String name() {
    return "team";
  }

  @Override
  public void define(Stack stack, Settings settings) {
    GenericService web =
        GenericService.builder("web")
            .image(settings.web())
            .replicas(settings.replicas())
            .port("http", 8080)
            .httpProbe("/healthz", "http")
            .writable("/tmp")
            .addTo(stack);
    GenericService api =
        GenericService.builder("api")
            .image(settings.api())
            .replicas(settings.replicas())
            .port("http", 9000)
            .httpProbe("/health", "http")
            .writable("/tmp")
            .addTo(stack);
    new Nginx(stack, settings.nginx(), routes(web.endpoint(), api.endpoint()));
  }
}
