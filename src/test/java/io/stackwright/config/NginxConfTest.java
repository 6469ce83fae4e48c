package io.stackwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NginxConfTest {

  private static final EdgeRoute FRONTEND = EdgeRoute.to("/", "frontend", 8080);
  private static final EdgeRoute API =
      EdgeRoute.to("/api/", "backend", 8080).withRateLimit(RateLimit.perSecond(10, 20));

  private static EdgeSettings settings(boolean tls, List<EdgeRoute> routes) {
    return new EdgeSettings(
        8080, routes, tls, Memory.mebibytes(10), null, List.of("10.0.0.0/8"), Cpu.millis(500));
  }

  private static final String EDGE = NginxConf.edge(settings(true, List.of(FRONTEND, API)));
  private static final String SPA = NginxConf.spa(8080, Cpu.millis(250));

  @Test
  void noLocationHasAnAddHeaderOfItsOwnSoNoneLosesTheServerHeaders() {
    for (String conf : List.of(EDGE, SPA)) {
      List<Block> locations = blocks(conf, "location ");
      assertThat(locations).isNotEmpty();
      // proxy_set_header and proxy_hide_header are inherited by the same all-or-nothing rule.
      assertThat(locations)
          .allSatisfy(
              l ->
                  assertThat(l.body())
                      .doesNotContain("add_header")
                      .doesNotContain("proxy_set_header")
                      .doesNotContain("proxy_hide_header"));
      assertThat(blocks(conf, "server").get(0).body())
          .contains("add_header X-Frame-Options \"DENY\" always;")
          .contains("add_header X-Content-Type-Options \"nosniff\" always;")
          .contains("add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;")
          .contains("add_header Permissions-Policy ");
    }
  }

  @Test
  void strictTransportSecurityOnlyWithTls() {
    String plain = NginxConf.edge(settings(false, List.of(FRONTEND, API)));

    assertThat(EDGE)
        .contains(
            "add_header Strict-Transport-Security \"max-age=31536000; includeSubDomains\""
                + " always;")
        .contains("proxy_set_header X-Forwarded-Proto $forwarded_proto;");
    assertThat(plain)
        .doesNotContain("Strict-Transport-Security")
        .doesNotContain("$http_x_forwarded_proto")
        .contains("proxy_set_header X-Forwarded-Proto $scheme;");
  }

  @Test
  void theHeadersTheEdgeSetsAreHiddenFromTheServicesSoEachIsSentOnce() {
    Pattern added = Pattern.compile("(?m)^\\s*add_header (\\S+) ");
    Matcher m = added.matcher(EDGE);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).hasSize(6);
    for (String name : names) {
      assertThat(EDGE).contains("proxy_hide_header " + name + ";");
    }
  }

  @Test
  void eachUpstreamIsDeclaredOnceWithKeepalive() {
    EdgeRoute admin = EdgeRoute.to("/admin/", "backend", 8080);
    String conf = NginxConf.edge(settings(false, List.of(FRONTEND, API, admin)));

    List<Block> upstreams = blocks(conf, "upstream ");
    assertThat(upstreams)
        .extracting(Block::header)
        .containsExactly("upstream frontend", "upstream backend");
    assertThat(upstreams)
        .allSatisfy(u -> assertThat(u.body()).contains("keepalive 32;"))
        .extracting(Block::body)
        .anySatisfy(body -> assertThat(body).contains("server backend:8080;"));
    assertThat(conf)
        .contains("proxy_http_version 1.1;")
        .contains("proxy_set_header Connection \"\";");
  }

  @Test
  void theRateLimitAppliesToTheMarkedRoutesOnly() {
    assertThat(location(EDGE, "location /api/"))
        .contains("limit_req zone=per_client burst=20 nodelay;");
    assertThat(location(EDGE, "location /")).doesNotContain("limit_req");
    assertThat(EDGE)
        .contains(
            "limit_req_zone $binary_remote_addr zone=per_client:10m rate=10r/s;",
            "limit_req_status 429;");

    String unlimited =
        NginxConf.edge(settings(false, List.of(FRONTEND, EdgeRoute.to("/api/", "b", 80))));
    assertThat(unlimited).doesNotContain("limit_req");
  }

  @Test
  void aStrippedPrefixIsReplacedBySlash() {
    String conf =
        NginxConf.edge(
            settings(
                false,
                List.of(FRONTEND, EdgeRoute.to("/api/", "backend", 8080).withStrippedPrefix())));

    assertThat(location(conf, "location /api/")).contains("proxy_pass http://backend/;");
    assertThat(location(conf, "location /")).contains("proxy_pass http://frontend;");
  }

  @Test
  void healthIsAnsweredByNginxItself() {
    for (String conf : List.of(EDGE, SPA)) {
      String health = location(conf, "location = /healthz");
      assertThat(health)
          .contains("access_log off;")
          .contains("return 200 \"ok\\n\";")
          .doesNotContain("proxy_pass");
    }
  }

  @Test
  void everyPathNginxWritesIsUnderAWritablePath() {
    Pattern written = Pattern.compile("(?m)^\\s*(?:pid|\\w+_temp_path) (\\S+);$");
    for (String conf : List.of(EDGE, SPA)) {
      Matcher m = written.matcher(conf);
      int count = 0;
      while (m.find()) {
        count++;
        String path = m.group(1);
        assertThat(NginxConf.WRITABLE_PATHS).anySatisfy(w -> assertThat(path).startsWith(w + "/"));
      }
      assertThat(count).isEqualTo(6);
    }
  }

  @Test
  void limitsAndGzipAreSet() {
    assertThat(EDGE)
        .contains("client_max_body_size 10m;")
        .contains("server_tokens off;")
        .contains("gzip on;")
        .contains("gzip_min_length 1024;")
        .contains("gzip_vary on;")
        .contains("listen 8080;")
        .contains("set_real_ip_from 10.0.0.0/8;");
  }

  @ParameterizedTest
  @CsvSource({"250, 1", "1000, 1", "1001, 2", "1500, 2", "4000, 4"})
  void oneWorkerPerCpuOfTheLimit(long millis, int workers) {
    assertThat(NginxConf.workers(Cpu.millis(millis))).isEqualTo(workers);
    assertThat(NginxConf.spa(8080, Cpu.millis(millis)))
        .contains("\nworker_processes " + workers + ";\n");
  }

  @Test
  void theSpaFallsBackToIndexAndCachesOnlyHashedAssetsForLong() {
    assertThat(location(SPA, "location /")).contains("try_files $uri $uri/ /index.html;");
    assertThat(location(SPA, "location /assets/")).contains("try_files $uri =404;");
    assertThat(SPA)
        .contains("~^/assets/ \"public, max-age=31536000, immutable\";")
        .contains("default \"no-cache\";")
        .contains("add_header Cache-Control $cache_control;")
        .contains("root /usr/share/nginx/html;");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/api/",
        "/v1/users/",
        "/a.b_c~d-e/",
      })
  void pathPrefixesThatAreAccepted(String prefix) {
    assertThat(EdgeRoute.to(prefix, "backend", 8080).pathPrefix()).isEqualTo(prefix);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "api/",
        "//",
        "/a b/",
        "/a b",
        "/a;b/",
        "/api;",
        "/a{/",
        "/$uri/",
        "/../",
        "/./",
        "/a/../",
        "/a\n/",
        "/é/",
        "/healthz",
        "/healthz/"
      })
  void pathPrefixesThatCouldMisrouteOrInjectAreRejected(String prefix) {
    assertRejected(() -> EdgeRoute.to(prefix, "backend", 8080), "pathPrefix");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Backend", "backend;", "back end", "backend:8080", "-backend"})
  void hostsMustBeDnsNames(String host) {
    assertRejected(() -> EdgeRoute.to("/", host, 8080), "host");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void portsMustBeInRange(int port) {
    assertRejected(() -> EdgeRoute.to("/", "frontend", port), "port");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "default-src \"self\"",
        "default-src 'self' \\",
        "script-src $x",
        "default-src 'self'; } server {",
        "default-src 'self'\nadd_header X 1",
        "default-src ‘self’"
      })
  void policiesNginxWouldNotTakeLiterallyAreRejected(String policy) {
    assertRejected(() -> withPolicy(policy), "contentSecurityPolicy");
  }

  @Test
  void aPolicyWithSemicolonsIsWrittenInsideOneQuotedString() {
    String policy = "default-src 'self'; img-src 'self' data:; connect-src 'self' https://api.x";

    assertThat(NginxConf.edge(withPolicy(policy)))
        .contains("add_header Content-Security-Policy \"" + policy + "\" always;");
    assertThat(NginxConf.edge(withPolicy(null)))
        .contains(
            "add_header Content-Security-Policy \""
                + EdgeSettings.DEFAULT_CONTENT_SECURITY_POLICY
                + "\" always;");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.0.0.0/8", "192.168.1.10", "0.0.0.0/0", "fd00::/8", "::1", "2001:db8::1/128"})
  void trustedProxiesAreAddressesOrRanges(String proxy) {
    assertThat(withProxies(List.of(proxy)).trustedProxies()).containsExactly(proxy);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "10.0.0.256",
        "10.0.0.0/33",
        "10.0.0",
        "example.com",
        "abc",
        "fd00::/129",
        ":::1::",
        "10.0.0.0/8; allow all",
        "unix:"
      })
  void trustedProxiesThatAreNotAddressesAreRejected(String proxy) {
    assertRejected(() -> withProxies(List.of(proxy)), "trustedProxies");
  }

  @Test
  void routeTablesThatNginxWouldReadDifferentlyAreRejected() {
    // The route table comes from the stack's code: its mistakes are the code's, not a file's.
    assertThatThrownBy(() -> settings(false, List.of()))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no routes");
    assertThatThrownBy(() -> settings(false, List.of(FRONTEND, EdgeRoute.to("/", "other", 80))))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two routes of the edge have the path prefix /");
    assertThatThrownBy(
            () ->
                settings(
                    false, List.of(EdgeRoute.to("/api", "a", 80), EdgeRoute.to("/api/", "b", 80))))
        .hasMessageContaining("two routes of the edge have the path prefix /api/");
  }

  @ParameterizedTest
  @ValueSource(ints = {80, 1023, 65536})
  void theListenPortMustBeUnprivileged(int port) {
    assertRejected(
        () -> new EdgeSettings(port, List.of(FRONTEND), false, null, null, null, null),
        "listenPort");
    assertThatThrownBy(() -> NginxConf.spa(port, Cpu.millis(500)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultsApply() {
    EdgeSettings defaults = EdgeSettings.of(List.of(FRONTEND));

    assertThat(defaults.listenPort()).isEqualTo(8080);
    assertThat(defaults.clientMaxBodySize()).isEqualTo(Memory.mebibytes(1));
    assertThat(defaults.contentSecurityPolicy())
        .isEqualTo(EdgeSettings.DEFAULT_CONTENT_SECURITY_POLICY);
    assertThat(defaults.trustedProxies()).isEmpty();
    assertThat(NginxConf.edge(defaults)).doesNotContain("real_ip");
  }

  @Test
  void aPrefixWithoutItsSlashIsRedirectedToItsRouteNotTheFallback() {
    assertThat(EDGE).contains("location = /api {\n      return 308 /api/$is_args$args;\n    }");
    assertThat(EDGE).doesNotContain("location = {");
  }

  @Test
  void eachDistinctRateIsAZoneAndALocationAppliesEveryLimitItLists() {
    RateLimit api = RateLimit.perSecond(10, 20);
    String conf =
        NginxConf.edge(
            settings(
                false,
                List.of(
                    FRONTEND,
                    EdgeRoute.to("/api", "api", 9000).withRateLimit(api),
                    EdgeRoute.to("/api/v1/auth", "api", 9000)
                        .withRateLimit(api)
                        .withRateLimit(RateLimit.perMinute(5, 0)))));

    assertThat(conf.lines().filter(l -> l.contains("limit_req_zone")))
        .containsExactly(
            "  limit_req_zone $binary_remote_addr zone=per_client_10r_s:10m rate=10r/s;",
            "  limit_req_zone $binary_remote_addr zone=per_client_5r_m:10m rate=5r/m;");
    assertThat(location(conf, "location /api/"))
        .contains("limit_req zone=per_client_10r_s burst=20 nodelay;")
        .doesNotContain("5r_m");
    assertThat(location(conf, "location /api/v1/auth/"))
        .contains("limit_req zone=per_client_10r_s burst=20 nodelay;")
        .contains("limit_req zone=per_client_5r_m nodelay;");
    assertThat(location(conf, "location /")).doesNotContain("limit_req");
    assertThat(conf)
        .contains("location = /api/v1/auth {\n      return 308 /api/v1/auth/$is_args$args;");
  }

  @Test
  void aRouteWithHeadersRepeatsEveryServerHeaderSinceNginxWouldDropThem() {
    String conf =
        NginxConf.edge(
            settings(
                true,
                List.of(
                    FRONTEND,
                    new EdgeRoute(
                        "/files/",
                        "files",
                        8000,
                        false,
                        List.of(),
                        null,
                        java.util.Map.of("Cache-Control", "no-store", "X-Robots-Tag", "none"),
                        null))));

    String files = location(conf, "location /files/");
    String server = blocks(conf, "server").get(0).body();
    for (String line : server.lines().toList()) {
      if (line.startsWith("add_header ") || line.startsWith("proxy_hide_header ")) {
        assertThat(files).contains(line);
      }
    }
    assertThat(files)
        .contains("add_header Cache-Control \"no-store\" always;")
        .contains("add_header X-Robots-Tag \"none\" always;")
        .contains("proxy_hide_header Cache-Control;")
        .contains("add_header Strict-Transport-Security ");
    assertThat(location(conf, "location /")).doesNotContain("add_header");
  }

  @Test
  void bodySizeAndReadTimeoutPerRoute() {
    String conf =
        NginxConf.edge(
            settings(
                false,
                List.of(
                    FRONTEND,
                    new EdgeRoute(
                        "/upload/",
                        "files",
                        8000,
                        true,
                        List.of(),
                        Memory.mebibytes(200),
                        java.util.Map.of(),
                        java.time.Duration.ofMinutes(5)))));

    assertThat(location(conf, "location /upload/"))
        .contains("client_max_body_size 200m;")
        .contains("proxy_read_timeout 300s;")
        .contains("proxy_pass http://files/;");
    assertThat(location(conf, "location /")).doesNotContain("client_max_body_size");
    assertThat(blocks(conf, "server").get(0).body()).contains("client_max_body_size 10m;");
  }

  @Test
  void twoPortsOfOneHostAreTwoUpstreams() {
    String conf =
        NginxConf.edge(
            settings(
                false,
                List.of(EdgeRoute.to("/", "app", 8080), EdgeRoute.to("/admin", "app", 9090), API)));

    assertThat(blocks(conf, "upstream "))
        .extracting(Block::header)
        .containsExactly("upstream app_8080", "upstream app_9090", "upstream backend");
    assertThat(location(conf, "location /admin/")).contains("proxy_pass http://app_9090;");
  }

  @Test
  void aPrefixWithoutItsSlashGetsIt() {
    assertThat(EdgeRoute.to("/api/v1/auth", "api", 80).pathPrefix()).isEqualTo("/api/v1/auth/");
  }

  @ParameterizedTest
  @CsvSource({"0, SECOND", "-1, SECOND", "0, MINUTE", "100001, MINUTE"})
  void aRateOutOfRangeIsRefused(int requests, RateLimit.Per per) {
    assertThatThrownBy(() -> new RateLimit(requests, per, 0))
        .isInstanceOfSatisfying(
            InvalidPropException.class, e -> assertThat(e.key()).isEqualTo("requests"))
        .hasMessageContaining("got " + requests);
    assertRejected(() -> new RateLimit(1, per, -1), "burst");
  }

  @Test
  void oneRouteCannotListOneRateTwiceSinceNginxRefusesAZoneTwice() {
    assertThatThrownBy(() -> API.withRateLimit(RateLimit.perSecond(10, 50)))
        .isInstanceOf(InvalidPropException.class)
        .hasMessageContaining("two rate limits of 10r/s");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X Robots|none",
        "X-Robots;|none",
        "X-Frame-Options|SAMEORIGIN",
        "content-security-policy|default-src *",
        "Content-Type|text/html",
        "X-Robots-Tag|a\"b",
        "X-Robots-Tag|$host",
        "X-Robots-Tag|none; } server {",
        "X-Robots-Tag|' '"
      })
  void headersNginxWouldNotTakeLiterallyOrThatClashAreRefused(String name, String value) {
    assertRejected(
        () ->
            new EdgeRoute(
                "/", "frontend", 8080, false, List.of(), null, java.util.Map.of(name, value), null),
        "headers");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 3601})
  void readTimeoutsOutOfRangeAreRefused(long seconds) {
    assertRejected(
        () ->
            new EdgeRoute(
                "/",
                "frontend",
                8080,
                false,
                List.of(),
                null,
                java.util.Map.of(),
                java.time.Duration.ofSeconds(seconds)),
        "readTimeout");
  }

  @Test
  void wholeEdgeFile() {
    assertThat(EDGE).isEqualTo(Golden.read("nginx-edge.conf")).endsWith("}\n");
  }

  @Test
  void wholeSpaFile() {
    assertThat(SPA).isEqualTo(Golden.read("nginx-spa.conf")).endsWith("}\n");
  }

  private static EdgeSettings withPolicy(String policy) {
    return new EdgeSettings(8080, List.of(FRONTEND), false, null, policy, null, null);
  }

  private static EdgeSettings withProxies(List<String> proxies) {
    return new EdgeSettings(8080, List.of(FRONTEND), false, null, null, proxies, null);
  }

  private static void assertRejected(Runnable construction, String key) {
    assertThatThrownBy(construction::run)
        .isInstanceOfSatisfying(
            InvalidPropException.class, e -> assertThat(e.key()).isEqualTo(key));
  }

  private static String location(String conf, String header) {
    return blocks(conf, header).stream()
        .filter(b -> b.header().equals(header))
        .findFirst()
        .orElseThrow()
        .body();
  }

  /** The blocks whose header starts with {@code prefix}, found by matching braces. */
  private static List<Block> blocks(String conf, String prefix) {
    List<Block> found = new ArrayList<>();
    List<String> lines = conf.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.startsWith(prefix) && line.endsWith("{")) {
        int depth = 1;
        StringBuilder body = new StringBuilder();
        for (int j = i + 1; depth > 0; j++) {
          String inner = lines.get(j).strip();
          depth += inner.endsWith("{") ? 1 : inner.equals("}") ? -1 : 0;
          if (depth > 0) {
            body.append(inner).append('\n');
          }
        }
        found.add(new Block(line.substring(0, line.length() - 1).strip(), body.toString()));
      }
    }
    return found;
  }

  private record Block(String header, String body) {}
}
