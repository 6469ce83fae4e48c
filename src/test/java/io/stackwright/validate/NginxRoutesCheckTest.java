package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.ConfigChecker;
import io.stackwright.services.TeamEdgeStack;
import io.stackwright.validate.NginxCheckTest.Edge;
import io.stackwright.validate.NginxCheckTest.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The team's edge of the issue ({@link TeamEdgeStack}), generated from its route table, read by
 * nginx ({@code nginx -t}) and run on loopback in front of stand-ins for its two services: the
 * per-minute limit answers 429 on {@code /api/v1/auth} while {@code /api} still passes, the route's
 * body size and header hold, and every response keeps the edge's security headers.
 */
class NginxRoutesCheckTest {
  private static final String CONF = TeamEdgeStack.edgeConf(TeamEdgeStack.prod());

  @TempDir Path scratch;

  @Test
  void nginxReadsTheTeamsEdge() throws Exception {
    assertThat(check(CONF)).isEmpty();
  }

  @Test
  void nginxRefusesOneZoneTwiceInALocationWhichTheRoutesNeverWrite() throws Exception {
    // Why a route may not list one rate twice: nginx would refuse the file.
    String twice =
        CONF.replace(
            "limit_req zone=per_client_5r_m nodelay;",
            "limit_req zone=per_client_5r_m nodelay;\n      limit_req zone=per_client_5r_m;");

    assertThat(check(twice))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("is duplicate"));
  }

  @Test
  void thePerMinuteLimitRefusesSignInsWhileTheApiStillPasses() throws Exception {
    // nginx's workers run as nobody when the tests run as root, and write large bodies under it.
    Files.setPosixFilePermissions(scratch, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Edge edge =
        Edge.start(
            programs(),
            CONF,
            scratch,
            Map.of("api", Edge.stub("api", true), "web", Edge.stub("x".repeat(4096), false)))) {
      // Refused before the limits count it: more than the route's 1 MiB.
      Response tooLarge =
          edge.sendHead("POST", "/api/v1/auth/login", "Content-Length: " + (2 << 20) + "\r\n");
      assertThat(tooLarge.status()).isEqualTo(413);

      // 5 a minute, no burst: the first passes, the next ones within 12 s are refused.
      Response first = edge.get("/api/v1/auth/login", "");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).isEqualTo("api");
      assertThat(first.header("cache-control")).containsExactly("no-store");
      assertSecurityHeaders(first);
      for (int i = 0; i < 3; i++) {
        Response refused = edge.get("/api/v1/auth/login", "");
        assertThat(refused.status()).isEqualTo(429);
        assertSecurityHeaders(refused);
      }

      // The rest of the API has only its 10 a second, with a burst of 20.
      for (int i = 0; i < 5; i++) {
        Response api = edge.get("/api/orders", "");
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.header("cache-control")).isEmpty();
        assertSecurityHeaders(api);
      }
      // 2 MiB through the uploads route, whose limit is 50 MiB (the edge's is 10 MiB).
      byte[] upload = new byte[2 << 20];
      Response uploaded =
          edge.send(
              "POST", "/api/v1/uploads/photo", "Content-Length: " + upload.length + "\r\n", upload);
      assertThat(uploaded.status())
          .withFailMessage(
              "upload: %s; nginx said: %s",
              uploaded.status(), Files.readString(scratch.resolve("nginx.out")))
          .isEqualTo(200);
      Response page = edge.get("/", "Accept-Encoding: gzip\r\n");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("content-encoding")).containsExactly("gzip");
      assertThat(edge.get("/api?x=1", "").header("location")).containsExactly("/api/?x=1");
      assertThat(edge.get("/healthz", "").body()).isEqualTo("ok\n");
    }
  }

  @Test
  void withoutThePerMinuteLimitTheSameSignInsPass() throws Exception {
    // The live check can fail: the same edge without the auth route's second limit lets them in.
    String unlimited = CONF.replace("      limit_req zone=per_client_5r_m nodelay;\n", "");
    try (Edge edge =
        Edge.start(
            programs(),
            unlimited,
            scratch,
            Map.of("api", Edge.stub("api", true), "web", Edge.stub("web", false)))) {
      for (int i = 0; i < 4; i++) {
        assertThat(edge.get("/api/v1/auth/login", "").status()).isEqualTo(200);
      }
    }
  }

  /** Each security header once, the stand-in's own X-Frame-Options dropped; HSTS, as in prod. */
  private static void assertSecurityHeaders(Response response) {
    assertThat(response.header("content-security-policy")).hasSize(1);
    assertThat(response.header("strict-transport-security"))
        .containsExactly("max-age=31536000; includeSubDomains");
    assertThat(response.header("x-frame-options")).containsExactly("DENY");
    assertThat(response.header("x-content-type-options")).containsExactly("nosniff");
    assertThat(response.header("referrer-policy")).hasSize(1);
    assertThat(response.header("permissions-policy")).hasSize(1);
  }

  private List<Finding> check(String content) throws Exception {
    Programs programs = programs();
    GeneratedConfig config =
        new GeneratedConfig(
            "nginx", ConfigChecker.NGINX, "compose/config/nginx/nginx.conf", "", "", content);
    return new NginxCheck(programs.nginx(), programs.nginxConf()).check(config, scratch);
  }

  private static Programs programs() {
    return InstalledTools.requirePrograms(Programs::nginxMissing);
  }
}
