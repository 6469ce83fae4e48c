package io.stackwright.config;

import io.stackwright.model.RateLimit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edge's {@code nginx.conf} (see {@link NginxConf#edge}): the route table as upstreams and
 * locations, security headers, each route's per-client rate limits, body-size limits, headers and
 * timeout.
 */
final class NginxEdge {
  private final EdgeSettings settings;
  private final Map<String, String> zones;
  private final Map<String, String> upstreamNames;
  private final List<NginxConf.Header> headers;

  private NginxEdge(EdgeSettings settings) {
    this.settings = settings;
    this.zones = zones(settings.routes());
    this.upstreamNames = upstreamNames(settings.routes());
    List<NginxConf.Header> headers = new ArrayList<>();
    headers.add(new NginxConf.Header("Content-Security-Policy", settings.contentSecurityPolicy()));
    if (settings.tls()) {
      headers.add(
          new NginxConf.Header("Strict-Transport-Security", "max-age=31536000; includeSubDomains"));
    }
    headers.addAll(NginxConf.securityHeaders());
    this.headers = List.copyOf(headers);
  }

  /** The file's {@code http} block. */
  static NginxBlock http(EdgeSettings settings) {
    return new NginxEdge(settings).http();
  }

  private NginxBlock http() {
    NginxBlock http = new NginxBlock("http");
    NginxConf.common(http);
    // Without it, nginx compresses nothing for a request that came through a proxy (has Via).
    http.line("gzip_proxied any;");
    http.blank();
    realIp(http);
    forwardedProto(http);
    rateLimitZones(http);
    upstreams(http);
    server(http.block("server"));
    return http;
  }

  private void realIp(NginxBlock http) {
    if (settings.trustedProxies().isEmpty()) {
      return;
    }
    http.line("# The client is the last address in X-Forwarded-For not set by a trusted proxy.");
    for (String proxy : settings.trustedProxies()) {
      http.line("set_real_ip_from " + proxy + ";");
    }
    http.line("real_ip_header X-Forwarded-For;");
    http.line("real_ip_recursive on;");
    http.blank();
  }

  private void forwardedProto(NginxBlock http) {
    if (!settings.tls()) {
      return;
    }
    http.line("# TLS ends in front of nginx: pass on the scheme the client used.");
    NginxBlock map = http.block("map $http_x_forwarded_proto $forwarded_proto");
    map.line("default $http_x_forwarded_proto;");
    map.line("\"\" $scheme;");
    http.blank();
  }

  private void rateLimitZones(NginxBlock http) {
    if (zones.isEmpty()) {
      return;
    }
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

  private void upstreams(NginxBlock http) {
    Map<String, String> upstreams = new LinkedHashMap<>();
    for (EdgeRoute route : settings.routes()) {
      upstreams.putIfAbsent(upstreamNames.get(route.address()), route.address());
    }
    for (Map.Entry<String, String> upstream : upstreams.entrySet()) {
      NginxBlock block = http.block("upstream " + upstream.getKey());
      block.line("server " + upstream.getValue() + ";");
      block.line("keepalive 32;");
      http.blank();
    }
  }

  private void server(NginxBlock server) {
    server.line("listen " + settings.listenPort() + ";");
    server.line("server_name _;");
    server.line("client_max_body_size " + settings.clientMaxBodySize().mebibytes() + "m;");
    server.line(
        "# Relative redirects: an absolute one would name this container's scheme, host and");
    server.line("# port (http://...:8080), not the ones the client used in front of the edge.");
    server.line("absolute_redirect off;");
    server.blank();
    server.line("# Security headers at server level only: a location with an add_header of its");
    server.line("# own would lose them all.");
    headers.forEach(header -> server.line(header.add()));
    server.line("# The services' own copies are dropped, so that each header is sent once.");
    headers.forEach(header -> server.line(header.hide()));
    server.blank();
    proxy(server);
    server.blank();
    NginxConf.health(server);
    for (EdgeRoute route : settings.routes()) {
      server.blank();
      location(server, route);
    }
  }

  private void proxy(NginxBlock server) {
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
  }

  /** The route's location, and a redirect of its prefix without the slash to it. */
  private void location(NginxBlock server, EdgeRoute route) {
    NginxBlock location = server.block("location " + route.pathPrefix());
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
      routeHeaders(location, route);
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

  private void routeHeaders(NginxBlock location, EdgeRoute route) {
    location.line("# An add_header here drops the server's: they are repeated, then its own.");
    headers.forEach(header -> location.line(header.add()));
    route
        .headers()
        .forEach((name, value) -> location.line(new NginxConf.Header(name, value).add()));
    headers.forEach(header -> location.line(header.hide()));
    route.headers().keySet().forEach(name -> location.line("proxy_hide_header " + name + ";"));
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
}
