package io.stackwright.config;

import io.stackwright.model.Cpu;
import io.stackwright.model.RateLimit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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

  private static final String INDENT = "  ";

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
    Block http = new Block("http");
    common(http);
    // Without it, nginx compresses nothing for a request that came through a proxy (has Via).
    http.line("gzip_proxied any;");
    http.blank();
    if (!settings.trustedProxies().isEmpty()) {
      http.line("# The client is the last address in X-Forwarded-For not set by a trusted proxy.");
      for (String proxy : settings.trustedProxies()) {
        http.line("set_real_ip_from " + proxy + ";");
      }
      http.line("real_ip_header X-Forwarded-For;");
      http.line("real_ip_recursive on;");
      http.blank();
    }
    if (settings.tls()) {
      http.line("# TLS ends in front of nginx: pass on the scheme the client used.");
      Block map = http.block("map $http_x_forwarded_proto $forwarded_proto");
      map.line("default $http_x_forwarded_proto;");
      map.line("\"\" $scheme;");
      http.blank();
    }
    Map<String, String> zones = zones(settings.routes());
    if (!zones.isEmpty()) {
      for (Map.Entry<String, String> zone : zones.entrySet()) {
        http.line(
            "limit_req_zone $binary_remote_addr zone="
                + zone.getValue()
                + ":10m rate="
                + zone.getKey()
                + ";");
      }
      http.line("limit_req_status 429;");
      http.line("limit_req_log_level warn;");
      http.blank();
    }
    Map<String, String> upstreamNames = upstreamNames(settings.routes());
    Map<String, String> upstreams = new LinkedHashMap<>();
    for (EdgeRoute route : settings.routes()) {
      upstreams.putIfAbsent(upstreamNames.get(route.address()), route.address());
    }
    for (Map.Entry<String, String> upstream : upstreams.entrySet()) {
      Block block = http.block("upstream " + upstream.getKey());
      block.line("server " + upstream.getValue() + ";");
      block.line("keepalive 32;");
      http.blank();
    }

    Block server = http.block("server");
    server.line("listen " + settings.listenPort() + ";");
    server.line("server_name _;");
    server.line("client_max_body_size " + settings.clientMaxBodySize().mebibytes() + "m;");
    server.line(
        "# Relative redirects: an absolute one would name this container's scheme, host and");
    server.line("# port (http://...:8080), not the ones the client used in front of the edge.");
    server.line("absolute_redirect off;");
    server.blank();
    List<String[]> headers = new ArrayList<>();
    headers.add(new String[] {"Content-Security-Policy", settings.contentSecurityPolicy()});
    if (settings.tls()) {
      headers.add(
          new String[] {"Strict-Transport-Security", "max-age=31536000; includeSubDomains"});
    }
    headers.addAll(securityHeaders());
    server.line("# Security headers at server level only: a location with an add_header of its");
    server.line("# own would lose them all.");
    for (String[] header : headers) {
      server.line("add_header " + header[0] + " \"" + header[1] + "\" always;");
    }
    server.line("# The services' own copies are dropped, so that each header is sent once.");
    for (String[] header : headers) {
      server.line("proxy_hide_header " + header[0] + ";");
    }
    server.blank();
    server.line(
        "# Keep-alive connections to the upstreams need HTTP/1.1 and no Connection header.");
    server.line("proxy_http_version 1.1;");
    server.line("proxy_set_header Connection \"\";");
    server.line("proxy_set_header Host $host;");
    server.line("proxy_set_header X-Real-IP $remote_addr;");
    server.line("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    server.line(
        "proxy_set_header X-Forwarded-Proto "
            + (settings.tls() ? "$forwarded_proto" : "$scheme")
            + ";");
    server.line("proxy_connect_timeout 5s;");
    server.blank();
    health(server);
    for (EdgeRoute route : settings.routes()) {
      server.blank();
      Block location = server.block("location " + route.pathPrefix());
      for (RateLimit limit : route.rateLimits()) {
        location.line(
            "limit_req zone="
                + zones.get(limit.rate())
                + (limit.burst() > 0 ? " burst=" + limit.burst() : "")
                + " nodelay;");
      }
      if (route.clientMaxBodySize() != null) {
        location.line("client_max_body_size " + route.clientMaxBodySize().mebibytes() + "m;");
      }
      if (route.readTimeout() != null) {
        location.line("proxy_read_timeout " + route.readTimeout().getSeconds() + "s;");
      }
      if (!route.headers().isEmpty()) {
        location.line("# An add_header here drops the server's: they are repeated, then its own.");
        for (String[] header : headers) {
          location.line("add_header " + header[0] + " \"" + header[1] + "\" always;");
        }
        route
            .headers()
            .forEach(
                (name, value) ->
                    location.line("add_header " + name + " \"" + value + "\" always;"));
        for (String[] header : headers) {
          location.line("proxy_hide_header " + header[0] + ";");
        }
        route.headers().keySet().forEach(name -> location.line("proxy_hide_header " + name + ";"));
      }
      // With a URI part, nginx replaces the matched prefix with it.
      location.line(
          "proxy_pass http://"
              + upstreamNames.get(route.address())
              + (route.stripPrefix() ? "/" : "")
              + ";");
      if (!route.pathPrefix().equals("/")) {
        // /api would otherwise fall through to the / route; send it where it was meant to go.
        String bare = route.pathPrefix().substring(0, route.pathPrefix().length() - 1);
        server.blank();
        server
            .block("location = " + bare)
            .line("return 308 " + route.pathPrefix() + "$is_args$args;");
      }
    }
    return file(
        "the edge: the route table of the model, with security headers and limits",
        workers(settings.cpuLimit()),
        http);
  }

  /**
   * The rate limit zones: one per distinct rate, in the order the routes first name it, by rate
   * ({@code 10r/s}). With one rate it is {@code per_client}; with several, each is named after its
   * rate ({@code per_client_10r_s}), so that a name says what it limits.
   */
  private static Map<String, String> zones(List<EdgeRoute> routes) {
    Map<String, String> zones = new LinkedHashMap<>();
    for (EdgeRoute route : routes) {
      for (RateLimit limit : route.rateLimits()) {
        zones.putIfAbsent(limit.rate(), "per_client_" + limit.rate().replace('/', '_'));
      }
    }
    if (zones.size() == 1) {
      zones.replaceAll((rate, name) -> "per_client");
    }
    return zones;
  }

  /**
   * The upstream block's name of each {@code host:port}: the host, or {@code host_port} when the
   * table routes to more than one port of that host ({@code _} is never part of a DNS name, so no
   * name can clash with another host's).
   */
  private static Map<String, String> upstreamNames(List<EdgeRoute> routes) {
    Map<String, Set<Integer>> ports = new HashMap<>();
    for (EdgeRoute route : routes) {
      ports.computeIfAbsent(route.host(), h -> new HashSet<>()).add(route.port());
    }
    Map<String, String> names = new HashMap<>();
    for (EdgeRoute route : routes) {
      names.put(
          route.address(),
          ports.get(route.host()).size() == 1 ? route.host() : route.host() + "_" + route.port());
    }
    return names;
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
    Block http = new Block("http");
    http.line("include /etc/nginx/mime.types;");
    common(http);
    http.blank();
    http.line("# Hashed assets never change under their name; the rest is revalidated.");
    Block map = http.block("map $uri $cache_control");
    map.line("~^/assets/ \"public, max-age=31536000, immutable\";");
    map.line("default \"no-cache\";");
    http.blank();

    Block server = http.block("server");
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
    for (String[] header : securityHeaders()) {
      server.line("add_header " + header[0] + " \"" + header[1] + "\" always;");
    }
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

  private static List<String[]> securityHeaders() {
    return List.of(
        new String[] {"X-Frame-Options", "DENY"},
        new String[] {"X-Content-Type-Options", "nosniff"},
        new String[] {"Referrer-Policy", "strict-origin-when-cross-origin"},
        new String[] {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"});
  }

  private static void common(Block http) {
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

  private static void health(Block server) {
    Block health = server.block("location = " + HEALTH_PATH);
    health.line("access_log off;");
    health.line("default_type text/plain;");
    health.line("return 200 \"ok\\n\";");
  }

  private static String file(String purpose, int workers, Block http) {
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
        .append(INDENT)
        .append("worker_connections 1024;\n")
        .append("}\n")
        .append("\n");
    http.render(out, "");
    return out.toString();
  }

  /** A block of directives, rendered with two spaces of indentation per level. */
  private static final class Block {
    private final String header;
    private final List<Object> items = new ArrayList<>();

    Block(String header) {
      this.header = header;
    }

    void line(String directive) {
      items.add(directive);
    }

    void blank() {
      items.add("");
    }

    Block block(String blockHeader) {
      Block child = new Block(blockHeader);
      items.add(child);
      return child;
    }

    void render(StringBuilder out, String indent) {
      out.append(indent).append(header).append(" {\n");
      // A trailing blank line inside a block is noise.
      int end = items.size();
      while (end > 0 && "".equals(items.get(end - 1))) {
        end--;
      }
      for (Object item : items.subList(0, end)) {
        if (item instanceof Block child) {
          child.render(out, indent + INDENT);
        } else if (((String) item).isEmpty()) {
          out.append('\n');
        } else {
          out.append(indent).append(INDENT).append(item).append('\n');
        }
      }
      out.append(indent).append("}\n");
    }
  }
}
