package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.cli.CliRun;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Endpoint;
import io.stackwright.model.ImageRef;
import io.stackwright.model.RateLimit;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.shop.TestStacks;
import io.stackwright.stack.Stack;
import io.stackwright.validate.InstalledTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edge's route table: any services behind it, the team's edge of the issue end to end, the
 * shop's edge as a preset of the same table, and values nginx would misread refused as they are
 * built.
 */
class NginxRoutesTest {
  private static final Endpoint WEB = new Endpoint("web", 8080);
  private static final Endpoint API = new Endpoint("api", 9000);

  private static final NginxProps PROD = TeamEdgeStack.PROD_EDGE;

  private static StackModel team(NginxProps nginx) {
    return new TeamEdgeStack()
        .model("prod", new TeamEdgeStack.Settings(null, null, 2, nginx, null));
  }

  private static String conf(StackModel stack) {
    return TeamEdgeStack.edgeConf(stack);
  }

  @Test
  void theEdgeDependsOnEveryRoutedServiceSoPoliciesAndComposeFollow() {
    ServiceModel edge = team(PROD).service(Nginx.NAME);

    assertThat(edge.dependsOn()).containsExactly("api", "web");
  }

  @Test
  void theTeamsEdgeIsGeneratedFromItsRoutes() {
    String conf = conf(team(PROD));

    assertThat(conf)
        .contains("limit_req_zone $binary_remote_addr zone=per_client_10r_s:10m rate=10r/s;")
        .contains("limit_req_zone $binary_remote_addr zone=per_client_5r_m:10m rate=5r/m;")
        .contains("upstream api {\n    server api:9000;")
        .contains("upstream web {\n    server web:8080;")
        .contains("add_header Strict-Transport-Security ")
        .contains("gzip on;")
        .contains("absolute_redirect off;")
        .contains("set_real_ip_from 10.42.0.0/16;")
        .contains("location = /healthz {")
        .contains(
            "  location /api/v1/auth/ {\n"
                + "      limit_req zone=per_client_10r_s burst=20 nodelay;\n"
                + "      limit_req zone=per_client_5r_m nodelay;\n"
                + "      client_max_body_size 1m;\n")
        .contains("add_header Cache-Control \"no-store\" always;")
        .contains("  location /api/ {\n      limit_req zone=per_client_10r_s burst=20 nodelay;\n")
        .contains("proxy_read_timeout 30s;")
        .contains("client_max_body_size 50m;");
  }

  @Test
  void theIngressLetsThroughTheLargestBodyAnyRouteAccepts() {
    ServiceModel edge = team(PROD).service(Nginx.NAME);

    assertThat(edge.exposure().ingress().annotations())
        .containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "50m");
  }

  @Test
  void theShopsEdgeIsThePresetOfTheSameTable() {
    NginxProps props = TestStacks.NGINX;
    Stack preset = new Stack("shop", "dev", "shop-dev", true);
    Frontend frontend =
        new Frontend(
            preset, new FrontendProps(ImageRef.parse("ghcr.io/acme/web:1.0.0"), null, null, null));
    Backend backend =
        new Backend(
            preset,
            new BackendProps(
                ImageRef.parse("ghcr.io/acme/api:1.0.0"), null, null, null, null, null),
            new Postgres(preset, PostgresProps.defaults()),
            new Redis(preset, RedisProps.defaults()));
    new Nginx(preset, props, frontend, backend);

    Stack table = new Stack("shop", "dev", "shop-dev", true);
    new Nginx(
        table,
        props,
        List.of(
            NginxRoute.to(backend.endpoint())
                .path("/api/")
                .rateLimit(RateLimit.perSecond(20, 40))
                .build(),
            NginxRoute.to(frontend.endpoint()).build()));
    ServiceModel fromTable =
        table.services().stream().filter(s -> s.name().equals(Nginx.NAME)).findFirst().get();

    assertThat(conf(preset.toModel())).isEqualTo(fromTable.configFiles().get(0).compose());
    assertThat(preset.toModel().service(Nginx.NAME).dependsOn())
        .isEqualTo(fromTable.dependsOn())
        .containsExactly("backend", "frontend");
    assertThat(props.apiRateLimit()).isEqualTo(RateLimit.perSecond(20, 40));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api v1", "/api;", "/api/ ;return 200", "api", "/a{b}", "/healthz"})
  void aPathNginxWouldMisreadIsRefusedNamingIt(String path) {
    assertThatThrownBy(() -> NginxRoute.to(API).path(path).build())
        .isInstanceOfSatisfying(
            InvalidPropException.class, e -> assertThat(e.key()).isEqualTo("pathPrefix"))
        .hasMessageContaining("\"" + path + "\"");
  }

  @Test
  void aRateOfZeroIsRefused() {
    assertThatThrownBy(() -> RateLimit.perSecond(0, 10))
        .isInstanceOf(InvalidPropException.class)
        .hasMessage("a rate limit must allow 1 to 100000 requests per second, got 0");
    assertThatThrownBy(() -> RateLimit.perMinute(0, 0))
        .hasMessage("a rate limit must allow 1 to 100000 requests per minute, got 0");
  }

  @Test
  void aPathTwiceIsRefusedEvenWrittenTwoWays() {
    Stack stack = new Stack("team", "dev", "team-dev", true);
    List<NginxRoute> routes =
        List.of(NginxRoute.to(WEB).path("/api").build(), NginxRoute.to(API).path("/api/").build());

    assertThatThrownBy(() -> new Nginx(stack, NginxProps.defaults(), routes))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two routes of the edge have the path prefix /api/");
    assertThatThrownBy(() -> new Nginx(stack, NginxProps.defaults(), List.of()))
        .hasMessageContaining("the edge has no routes");
  }

  @Test
  void headersAreCheckedAsTheyAreGiven() {
    assertThatThrownBy(() -> NginxRoute.to(API).header("X-Frame-Options", "SAMEORIGIN").build())
        .hasMessageContaining("the edge sends X-Frame-Options on every response");
    assertThatThrownBy(() -> NginxRoute.to(API).header("X-Tag", "a\"; return 200; \"").build())
        .hasMessageContaining("nginx would not take literally");
    assertThatThrownBy(() -> NginxRoute.to(API).header("X-Tag", "a").header("X-Tag", "b"))
        .hasMessageContaining("set twice");
  }

  /**
   * The team's stack through the command line and every layer of the gate, as a stack of one's own
   * runs: policy (network policies along the routes), parity (Compose depends_on reachable),
   * kubeconform, the Compose CLI, and nginx reading the generated edge.
   */
  @Test
  void theTeamsStackSynthesizesThroughEveryLayer(@TempDir Path project) throws Exception {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/dev.yaml"), "replicas: 1\n");
    Files.writeString(
        project.resolve("environments/prod.yaml"),
        "replicas: 2\n"
            + "nginx:\n"
            + "  replicas: 2\n"
            + "  trustedProxies: [10.42.0.0/16]\n"
            + "  ingress:\n"
            + "    host: team.example.com\n"
            + "    tlsSecret: team-tls\n");
    Path tools = InstalledTools.PROJECT.resolve(".tools").toAbsolutePath();
    if (Files.isDirectory(tools)) {
      Files.createSymbolicLink(project.resolve(".tools"), tools);
    }
    CliRun run =
        CliRun.of(
            new TeamEdgeStack(),
            "synth",
            "--env",
            "all",
            "--project-dir",
            project.toString(),
            "--validate",
            InstalledTools.strict() ? "strict" : "auto");

    assertThat(run.code())
        .withFailMessage("stdout:\n%s\nstderr:\n%s", run.out(), run.err())
        .isZero();
    if (Files.isDirectory(tools)) {
      assertThat(run.out())
          .contains("prod: wrote")
          .contains("checks: model, policy, parity, kubeconform, compose, nginx");
    }
    Path prod = project.resolve("dist/prod");
    String compose = Files.readString(prod.resolve("compose/compose.yaml"));
    assertThat(compose.substring(compose.indexOf("\n  nginx:\n")))
        .contains("depends_on:\n      api:")
        .contains("      web:");
    assertThat(Files.readString(prod.resolve("nginx.yaml")))
        .contains("app.kubernetes.io/name: api")
        .contains("app.kubernetes.io/name: web")
        .contains("port: 9000")
        .contains("nginx.ingress.kubernetes.io/proxy-body-size: 50m");
    assertThat(Files.readString(prod.resolve("compose/config/nginx/nginx.conf")))
        .isEqualTo(conf(team(PROD)));
  }
}
