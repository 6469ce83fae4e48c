package io.stackwright.config;

import io.stackwright.model.Cpu;
import java.util.List;
import java.util.Objects;

/**
 * Complete {@code nginx.conf} files for the {@code nginxinc/nginx-unprivileged} image: uid 101, an
 * unprivileged port and a read-only root filesystem. Both are whole files, mounted over {@value
 * #CONFIG_PATH}, rather than a server block for the image's {@code conf.d}: the image's own main
 * context then does not matter, and nothing of it (its {@code default.conf}, a pid file or a temp
 * path outside {@code /tmp}) can come back with a new image version.
 *
 * <p>Security headers are set with {@code add_header} at server level. nginx drops every inherited
 * {@code add_header} in a block that has one of its own, so a location has none, unless its route
 * adds headers: then it repeats every one of the server's before its own. Every response, errors
 * included, carries them all.
 *
 * <p>The edge's file is laid out by {@code NginxEdge}, both files' blocks by {@code NginxBlock}.
 */
public final class NginxConf {

  /** The image's unprivileged port. */
  public static final int DEFAULT_PORT = 8080;

  /** Where the services mount the generated file. */
  public static final String CONFIG_PATH = "/etc/nginx/nginx.conf";

  /** The path of the health location, answered by nginx itself. */
  public static final String HEALTH_PATH = "/healthz";

  /**
   * Paths that must be writable: {@code /tmp}, which holds the pid file and every temp path. The
   * image's {@code /var/cache/nginx} is not used.
   */
  public static final List<String> WRITABLE_PATHS = List.of("/tmp");

  /** Where the single-page app's files are: the image's document root. */
  public static final String SPA_ROOT = "/usr/share/nginx/html";

  private NginxConf() {}

  /**
   * The edge's {@code nginx.conf}: the route table as upstreams and locations, security headers,
   * gzip, each route's per-client rate limits (a {@code limit_req_zone} per distinct rate),
   * body-size limits, headers and timeout, and {@value #HEALTH_PATH}.
   *
   * @param settings the checked settings
   * @return the file's text
   */
  public static String edge(EdgeSettings settings) {
    return file(
        "the edge: the route table of the model, with security headers and limits",
        workers(settings.cpuLimit()),
        NginxEdge.http(settings));
  }

  /**
   * The frontend's {@code nginx.conf}: serves a single-page app from {@value #SPA_ROOT}, with the
   * app's routes falling back to {@code index.html}. Files under {@code /assets/} carry a content
   * hash in their name and are cached for a year; everything else, {@code index.html} first, is
   * revalidated on every use so that a deployment shows at once.
   *
   * @param listenPort the port nginx listens on, 1024 to 65535
   * @param cpuLimit the container's CPU limit, which sets the number of worker processes
   * @return the file's text
   * @throws IllegalArgumentException when the port is out of range
   */
  public static String spa(int listenPort, Cpu cpuLimit) {
    Objects.requireNonNull(cpuLimit, "cpuLimit");
    if (listenPort < 1024 || listenPort > 65535) {
      throw new IllegalArgumentException(
          "the frontend's port must be between 1024 and 65535, got " + listenPort);
    }
    NginxBlock http = new NginxBlock("http");
    http.line("include /etc/nginx/mime.types;");
    common(http);
    http.blank();
    http.line("# Hashed assets never change under their name; the rest is revalidated.");
    NginxBlock map = http.block("map $uri $cache_control");
    map.line("~^/assets/ \"public, max-age=31536000, immutable\";");
    map.line("default \"no-cache\";");
    http.blank();

    NginxBlock server = http.block("server");
    server.line("listen " + listenPort + ";");
    server.line("server_name _;");
    server.line("root " + SPA_ROOT + ";");
    server.line("index index.html;");
    server.line("# Behind the edge, a redirect must not name this container's port.");
    server.line("absolute_redirect off;");
    server.blank();
    server.line("# Headers at server level only: a location with an add_header of its own would");
    server.line("# lose them all. The edge adds the content security policy.");
    server.line("add_header Cache-Control $cache_control;");
    securityHeaders().forEach(header -> server.line(header.add()));
    server.blank();
    health(server);
    server.blank();
    server.line("# A missing asset is a 404, never index.html cached for a year as a script.");
    server.block("location /assets/").line("try_files $uri =404;");
    server.blank();
    server.block("location /").line("try_files $uri $uri/ /index.html;");
    return file("the frontend: a single-page app served as static files", workers(cpuLimit), http);
  }

  /**
   * Worker processes: one per CPU of the limit, rounded up. {@code auto} would count the node's
   * CPUs, not the container's share, and start dozens of workers on a large node.
   */
  static int workers(Cpu cpuLimit) {
    return (int) Math.max(1, (cpuLimit.millis() + 999) / 1000);
  }

  /** The names of the headers the edge sends on every response. */
  static final List<String> EDGE_HEADERS =
      List.of(
          "Content-Security-Policy",
          "Strict-Transport-Security",
          "X-Frame-Options",
          "X-Content-Type-Options",
          "Referrer-Policy",
          "Permissions-Policy");

  /**
   * A response header nginx sets, over any copy the upstream sent.
   *
   * @param name the header's name
   * @param value its value
   */
  record Header(String name, String value) {
    /** {@return the directive that sets it on every response, errors included} */
    String add() {
      return "add_header " + name + " \"" + value + "\" always;";
    }

    /** {@return the directive that drops the upstream's copy} */
    String hide() {
      return "proxy_hide_header " + name + ";";
    }
  }

  /** The headers both files send on every response. */
  static List<Header> securityHeaders() {
    return List.of(
        new Header("X-Frame-Options", "DENY"),
        new Header("X-Content-Type-Options", "nosniff"),
        new Header("Referrer-Policy", "strict-origin-when-cross-origin"),
        new Header("Permissions-Policy", "camera=(), microphone=(), geolocation=()"));
  }

  /** What both files' {@code http} blocks begin with: types, temp paths, logs, gzip. */
  static void common(NginxBlock http) {
    http.line("default_type application/octet-stream;");
    http.line("server_tokens off;");
    http.line("sendfile on;");
    http.line("tcp_nopush on;");
    http.line("keepalive_timeout 65s;");
    http.blank();
    http.line("# The root filesystem is read-only: every temp path is on /tmp.");
    http.line("client_body_temp_path /tmp/client_temp;");
    http.line("proxy_temp_path /tmp/proxy_temp;");
    http.line("fastcgi_temp_path /tmp/fastcgi_temp;");
    http.line("uwsgi_temp_path /tmp/uwsgi_temp;");
    http.line("scgi_temp_path /tmp/scgi_temp;");
    http.blank();
    http.line(
        "log_format json escape=json '{\"time\":\"$time_iso8601\",\"client\":\"$remote_addr\","
            + "\"method\":\"$request_method\",\"uri\":\"$request_uri\",\"status\":$status,"
            + "\"bytes\":$body_bytes_sent,\"duration\":$request_time,"
            + "\"upstream\":\"$upstream_addr\",\"upstream_duration\":\"$upstream_response_time\","
            + "\"referer\":\"$http_referer\",\"user_agent\":\"$http_user_agent\"}';");
    http.line("access_log /dev/stdout json;");
    http.blank();
    http.line("gzip on;");
    http.line("gzip_vary on;");
    http.line("gzip_min_length 1024;");
    // text/html is always compressed; nginx warns when it is listed.
    http.line(
        "gzip_types text/plain text/css text/javascript application/javascript"
            + " application/json application/xml image/svg+xml;");
  }

  /** The health location, {@value #HEALTH_PATH}, answered by nginx itself. */
  static void health(NginxBlock server) {
    NginxBlock health = server.block("location = " + HEALTH_PATH);
    health.line("access_log off;");
    health.line("default_type text/plain;");
    health.line("return 200 \"ok\\n\";");
  }

  private static String file(String purpose, int workers, NginxBlock http) {
    StringBuilder out = new StringBuilder();
    out.append("# nginx.conf for ")
        .append(purpose)
        .append(".\n")
        .append("# Generated by Stackwright from the model: change the model, not this file.\n")
        .append("# For nginxinc/nginx-unprivileged on a read-only root filesystem: only /tmp is")
        .append(" written.\n")
        .append("worker_processes ")
        .append(workers)
        .append(";\n")
        .append("pid /tmp/nginx.pid;\n")
        .append("error_log /dev/stderr warn;\n")
        .append("\n")
        .append("events {\n")
        .append(NginxBlock.INDENT)
        .append("worker_connections 1024;\n")
        .append("}\n")
        .append("\n");
    http.render(out, "");
    return out.toString();
  }
}
