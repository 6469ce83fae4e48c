package io.stackwright.services;

import io.stackwright.model.Endpoint;
import io.stackwright.model.EnvValue;
import io.stackwright.model.SecretFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an {@link HttpService} is given, each checked as it is given: what it uses (at most one
 * PostgreSQL, at most one Redis, other services of the stack under a variable prefix each), secret
 * files of its own and variables of its own. The presets of each use live here too: the variables,
 * secret file and dependency it gives the service, per framework, as {@link
 * HttpService.Builder#uses(Postgres)} and its siblings document them.
 */
final class HttpInputs {
  private static final Pattern PREFIX = Pattern.compile("[A-Z][A-Z0-9_]*");

  private final String service;
  private Postgres postgres;
  private Redis redis;
  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final Map<String, SecretFile> secrets = new LinkedHashMap<>();
  private final Map<String, EnvValue> env = new LinkedHashMap<>();

  HttpInputs(String service) {
    this.service = service;
  }

  void add(Postgres postgres) {
    if (this.postgres != null) {
      throw new IllegalArgumentException(
          "HttpService "
              + service
              + " already uses the PostgreSQL "
              + this.postgres.endpoint().service()
              + "; for a second one, use uses(endpoint, prefix) and secret(password, variable)");
    }
    this.postgres = postgres;
  }

  void add(Redis redis) {
    if (this.redis != null) {
      throw new IllegalArgumentException(
          "HttpService " + service + " already uses a Redis; it takes one");
    }
    this.redis = redis;
  }

  void add(Endpoint endpoint, String prefix) {
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "HttpService "
              + service
              + ": variable prefix \""
              + prefix
              + "\" must be UPPER_SNAKE_CASE, such as PAYMENTS");
    }
    if (endpoints.putIfAbsent(prefix, endpoint) != null) {
      throw new IllegalArgumentException(
          "HttpService " + service + ": the prefix " + prefix + " is used twice; give another one");
    }
  }

  void secret(SecretFile secret, String fileVariable) {
    if (secrets.containsValue(secret)) {
      throw new IllegalArgumentException(
          "HttpService " + service + ": the secret " + secret.name() + " is mounted twice");
    }
    if (secrets.putIfAbsent(fileVariable, secret) != null) {
      throw new IllegalArgumentException(
          "HttpService " + service + ": environment variable " + fileVariable + " set twice");
    }
  }

  void env(String key, EnvValue value) {
    if (env.putIfAbsent(key, value) != null) {
      throw new IllegalArgumentException(
          "HttpService " + service + ": environment variable " + key + " set twice");
    }
  }

  /** {@return whether it mounts a secret file: a password of what it uses, or one of its own} */
  boolean readsSecrets() {
    return postgres != null || redis != null || !secrets.isEmpty();
  }

  /**
   * Gives the service the variables, secret file and dependency of each use, then its own secret
   * files and variables.
   */
  void describe(GenericService.Builder service, HttpFramework framework) {
    boolean spring = framework == HttpFramework.SPRING_BOOT;
    if (postgres != null) {
      Endpoint db = postgres.endpoint();
      service
          .env("DB_HOST", db.host())
          .env("DB_PORT", db.portValue())
          .env("DB_NAME", postgres.database())
          .env("DB_USER", postgres.user())
          .secret(postgres.password(), "DB_PASSWORD_FILE")
          .dependsOn(db);
      if (spring) {
        service
            .env("SPRING_DATASOURCE_URL", "jdbc:postgresql://${DB_HOST}:${DB_PORT}/${DB_NAME}")
            .env("SPRING_DATASOURCE_USERNAME", postgres.user());
      }
    }
    if (redis != null) {
      Endpoint cache = redis.endpoint();
      service
          .env("REDIS_HOST", cache.host())
          .env("REDIS_PORT", cache.portValue())
          .secret(redis.password(), "REDIS_PASSWORD_FILE")
          .dependsOn(cache);
      if (spring) {
        service
            .env("SPRING_DATA_REDIS_HOST", cache.host())
            .env("SPRING_DATA_REDIS_PORT", cache.portValue());
      }
    }
    endpoints.forEach(
        (prefix, endpoint) ->
            service
                .env(prefix + "_HOST", endpoint.host())
                .env(prefix + "_PORT", endpoint.portValue())
                .dependsOn(endpoint));
    secrets.forEach((variable, secret) -> service.secret(secret, variable));
    env.forEach(service::env);
  }
}
