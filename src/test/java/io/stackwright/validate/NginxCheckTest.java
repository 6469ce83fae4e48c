package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stackwright.model.ConfigChecker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nginx reads every generated nginx.conf ({@code nginx -t}), and the edge's, run on loopback with
 * stand-ins for its upstreams, sends the security headers, answers 429 past its rate limit,
 * compresses, answers /healthz and redirects relatively.
 */
class NginxCheckTest {
  /** The prod edge: TLS ends in front of it, so it sends Strict-Transport-Security. */
  private static final Path EDGE =
      InstalledTools.PROJECT.resolve("dist/prod/compose/config/nginx/nginx.conf");

  @TempDir Path scratch;

  static Stream<Path> generated() throws IOException {
    try (Stream<Path> files = Files.walk(InstalledTools.PROJECT.resolve("dist"))) {
      return files
          .filter(f -> f.getFileName().toString().equals("nginx.conf"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("generated")
  void nginxReadsEveryGeneratedFile(Path file) throws Exception {
    assertThat(check(Files.readString(file))).isEmpty();
  }

  @Test
  void everyEnvironmentHasAnEdgeAndAFrontendToRead() throws Exception {
    assertThat(generated().map(f -> f.getParent().getFileName().toString()))
        .contains("nginx", "frontend")
        .hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void aBrokenFileIsRejectedWithItsLine() throws Exception {
    String broken = Files.readString(EDGE).replace("gzip on;", "gzip on;\n  gzip_colour blue;");

    List<Finding> findings = check(broken);

    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.layer()).isEqualTo(Layer.NGINX);
              assertThat(f.file()).isEqualTo("compose/config/nginx/nginx.conf");
              assertThat(f.message())
                  .contains("unknown directive \"gzip_colour\"")
                  .contains("(line ");
            });
  }

  @Test
  void anUpstreamWithoutAPortOrAMissingSemicolonIsRejected() throws Exception {
    String broken = Files.readString(EDGE).replace("keepalive 32;", "keepalive 32");

    assertThat(check(broken)).isNotEmpty();
  }

  @Test
  void theEdgeOnLoopbackAnswersAsTheModelSays() throws Exception {
    try (Edge edge = Edge.start(programs(), Files.readString(EDGE), scratch)) {
      Response health = edge.get("/healthz", "");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("ok\n");
      assertSecurityHeaders(health);

      Response page = edge.get("/", "Accept-Encoding: gzip\r\n");
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.header("content-encoding")).containsExactly("gzip");
      assertThat(page.header("vary")).contains("Accept-Encoding");
      // The upstream's own X-Frame-Options (SAMEORIGIN) is dropped: the header is sent once.
      assertSecurityHeaders(page);

      Response redirect =
          edge.get("/api?x=1", "Host: shop.example.com\r\nX-Forwarded-Proto: https\r\n");
      assertThat(redirect.status()).isEqualTo(308);
      assertThat(redirect.header("location")).containsExactly("/api/?x=1");

      // 50 requests a second with a burst of 100: 300 sent at once from 16 connections at a time
      // pass the burst, and the rest are refused.
      List<Integer> statuses = burst(edge, 300);
      assertThat(statuses).filteredOn(s -> s == 200).hasSizeGreaterThanOrEqualTo(100);
      assertThat(statuses).filteredOn(s -> s == 429).isNotEmpty();
      assertThat(statuses).containsOnly(200, 429);
    }
  }

  @Test
  void theLiveRunSeesAnAbsoluteRedirect() throws Exception {
    // The edge as it was before absolute_redirect off: the check must see what was wrong.
    String before = Files.readString(EDGE).replace("absolute_redirect off;", "");
    try (Edge edge = Edge.start(programs(), before, scratch)) {
      Response redirect =
          edge.get("/api?x=1", "Host: shop.example.com\r\nX-Forwarded-Proto: https\r\n");
      assertThat(redirect.header("location"))
          .singleElement()
          .asString()
          .startsWith("http://shop.example.com:")
          .endsWith("/api/?x=1");
    }
  }

  /** {@code count} GETs of /api/ping, 16 at a time; their statuses. */
  private static List<Integer> burst(Edge edge, int count) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        sent.add(pool.submit(() -> edge.get("/api/ping", "").status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> status : sent) {
        statuses.add(status.get(10, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertSecurityHeaders(Response response) {
    assertThat(response.header("content-security-policy"))
        .singleElement()
        .asString()
        .contains("default-src 'self'")
        .contains("frame-ancestors 'none'");
    assertThat(response.header("strict-transport-security"))
        .containsExactly("max-age=31536000; includeSubDomains");
    assertThat(response.header("x-frame-options")).containsExactly("DENY");
    assertThat(response.header("x-content-type-options")).containsExactly("nosniff");
    assertThat(response.header("referrer-policy"))
        .containsExactly("strict-origin-when-cross-origin");
    assertThat(response.header("permissions-policy")).hasSize(1);
    assertThat(response.header("server")).containsExactly("nginx");
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

  /** An HTTP response: status, headers by lower-case name, body as text. */
  record Response(int status, Map<String, List<String>> headers, String body) {
    List<String> header(String name) {
      return headers.getOrDefault(name, List.of());
    }
  }

  /**
   * The edge run by nginx on 127.0.0.1, with stand-ins for its upstreams on 127.0.0.1; all stopped
   * on close.
   */
  static final class Edge implements AutoCloseable {
    private final Map<String, HttpServer> upstreams;
    private Process nginx;
    private int port;

    private Edge(Map<String, HttpServer> upstreams) {
      this.upstreams = upstreams;
    }

    /**
     * The shop's edge: a backend that answers "api", a frontend that answers 4 KiB of text with its
     * own X-Frame-Options.
     */
    static Edge start(Programs programs, String conf, Path scratch) throws Exception {
      return start(
          programs,
          conf,
          scratch,
          Map.of("backend", stub("api", false), "frontend", stub("x".repeat(4096), true)));
    }

    /**
     * An edge in front of these stand-ins, by upstream host (see {@link #stub}).
     *
     * @param upstreams each upstream host's stand-in, stopped on close
     */
    static Edge start(
        Programs programs, String conf, Path scratch, Map<String, HttpServer> upstreams)
        throws Exception {
      Edge edge = new Edge(upstreams);
      try {
        // A free port may be taken by another process before nginx binds it: then once more.
        for (int attempt = 1; ; attempt++) {
          edge.port = RedisCheck.freePort();
          Path file =
              new NginxCheck(programs.nginx(), programs.nginxConf())
                  .prepare(conf, scratch, ports(upstreams), edge.port, null);
          edge.nginx =
              new ProcessBuilder(
                      programs.nginx().toString(),
                      "-p",
                      scratch + "/",
                      "-c",
                      file.toString(),
                      "-e",
                      scratch.resolve("error.log").toString(),
                      "-g",
                      "daemon off;")
                  .redirectErrorStream(true)
                  .redirectOutput(scratch.resolve("nginx.out").toFile())
                  .start();
          if (edge.awaitHealthy(scratch)) {
            return edge;
          }
          if (attempt == 3) {
            throw new AssertionError("nginx found no free port in 3 attempts");
          }
        }
      } catch (Exception | AssertionError e) {
        edge.close();
        throw e;
      }
    }

    /** Whether nginx answers; false when it could not bind its port; fails otherwise. */
    private boolean awaitHealthy(Path scratch) throws Exception {
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        if (!nginx.isAlive()
            && Files.readString(scratch.resolve("nginx.out")).contains("Address already in use")) {
          return false;
        }
        assertThat(nginx.isAlive())
            .as("nginx stopped: %s", Files.readString(scratch.resolve("nginx.out")))
            .isTrue();
        try {
          if (get("/healthz", "").status() == 200) {
            return true;
          }
        } catch (IOException e) {
          Thread.sleep(20);
        }
      }
      throw new AssertionError("nginx did not answer within 10 s");
    }

    private static Map<String, Integer> ports(Map<String, HttpServer> upstreams) {
      Map<String, Integer> ports = new java.util.HashMap<>();
      upstreams.forEach((host, server) -> ports.put(host, server.getAddress().getPort()));
      return ports;
    }

    /**
     * A request's head alone, its output then closed: for a request nginx answers before reading
     * its body (413), which it would otherwise wait for before closing. The answer is read by its
     * {@code Content-Length}, not to the end of the stream: nginx closes such a connection only
     * after its lingering close, which can wait out {@code lingering_timeout} (5 s) when it has
     * already taken this end's close with the head.
     */
    Response sendHead(String method, String path, String extra) throws IOException {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        out.write(
            (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n" + extra + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.shutdownOutput();
        return parse(readAnswer(socket.getInputStream()));
      }
    }

    /** One answer: its head, and as many bytes of body as its {@code Content-Length} says. */
    private static byte[] readAnswer(InputStream in) throws IOException {
      java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
      int headEnd = -1;
      while (headEnd < 0) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the connection closed before the answer's head ended: " + read);
        }
        read.write(b);
        String text = read.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r\n\r\n")) {
          headEnd = text.length();
        }
      }
      Response head = parse(read.toByteArray());
      List<String> length = head.header("content-length");
      read.write(in.readNBytes(length.isEmpty() ? 0 : Integer.parseInt(length.get(0))));
      return read.toByteArray();
    }

    /** A GET over a connection of its own, with {@code extra} header lines. */
    Response get(String path, String extra) throws IOException {
      return send("GET", path, extra, new byte[0]);
    }

    /**
     * A request over a connection of its own, with {@code extra} header lines (a {@code
     * Content-Length} among them where a body is sent) and then {@code body}.
     */
    Response send(String method, String path, String extra, byte[] body) throws IOException {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
        socket.setSoTimeout(5000);
        String host = extra.contains("Host:") ? "" : "Host: localhost\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(
            (method + " " + path + " HTTP/1.1\r\n" + host + extra + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return parse(socket.getInputStream().readAllBytes());
      }
    }

    private static Response parse(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, List<String>> headers = new java.util.TreeMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
      return new Response(
          Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }

    /**
     * A stand-in upstream on 127.0.0.1 that reads the request's body and answers {@code body}, with
     * an X-Frame-Options of its own where {@code ownHeaders}.
     */
    static HttpServer stub(String body, boolean ownHeaders) throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            if (ownHeaders) {
              exchange.getResponseHeaders().set("X-Frame-Options", "SAMEORIGIN");
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (InputStream in = exchange.getRequestBody();
                OutputStream out = exchange.getResponseBody()) {
              in.readAllBytes();
              out.write(bytes);
            }
          });
      server.start();
      return server;
    }

    /** Stops nginx (its workers with it) and the stand-ins. */
    @Override
    public void close() {
      if (nginx != null) {
        List<ProcessHandle> workers = nginx.descendants().toList();
        nginx.destroy();
        try {
          if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
            nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
      }
      upstreams.values().forEach(server -> server.stop(0));
    }
  }
}
