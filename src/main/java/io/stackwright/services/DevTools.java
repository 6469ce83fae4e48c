package io.stackwright.services;

import io.stackwright.model.Probe;
import io.stackwright.render.DevSecrets;
import io.stackwright.stack.Stack;
import java.util.List;

/**
 * A database UI and a Redis UI for a developer's Compose stack, behind the {@value #PROFILE}
 * profile: {@code docker compose --profile devtools up}. Both together ({@link #DevTools}), or
 * either alone for a stack with only one of the two ({@link #databaseUi}, {@link #redisUi}).
 * Development only: they hold development credentials and publish on {@code 127.0.0.1} alone.
 * Hardened like every service.
 */
public final class DevTools {
  /** The Compose profile that starts them. */
  public static final String PROFILE = "devtools";

  /** Default database UI: Adminer, a single PHP file served by PHP's built-in server. */
  public static final String DEFAULT_DATABASE_UI = "adminer:4.8.1-standalone";

  /** Default Redis UI: Redis Commander. */
  public static final String DEFAULT_REDIS_UI = "ghcr.io/joeferner/redis-commander:0.9.0";

  private static final int UI_PORT = 8080;
  private static final int REDIS_COMMANDER_UID = 1000;
  private static final int COMMANDER_PORT = 8081;

  /**
   * Adds the tools to a development stack.
   *
   * @param stack the stack; must be a development one
   * @param props the environment's settings
   * @param postgres the database the database UI opens
   * @param redis the Redis the Redis UI opens
   */
  public DevTools(Stack stack, DevToolsProps props, Postgres postgres, Redis redis) {
    databaseUi(stack, props, postgres);
    redisUi(stack, props, redis);
  }

  /**
   * Adds the database UI alone with every {@link DevToolsProps} default ({@value
   * #DEFAULT_DATABASE_UI} on {@code 127.0.0.1:8081}), for a stack whose environment files have no
   * {@code devTools} section: the Compose service {@code database-ui}, opening that PostgreSQL.
   *
   * @param stack the stack; must be a development one
   * @param postgres the database the UI opens
   */
  public static void databaseUi(Stack stack, Postgres postgres) {
    databaseUi(stack, DevToolsProps.defaults(), postgres);
  }

  /**
   * Adds the database UI alone, for a stack with a PostgreSQL and no Redis: the Compose service
   * {@code database-ui}, opening that PostgreSQL.
   *
   * @param stack the stack; must be a development one
   * @param props the environment's settings (the database UI's image and port)
   * @param postgres the database the UI opens
   */
  public static void databaseUi(Stack stack, DevToolsProps props, Postgres postgres) {
    requireDevelopment(stack);
    List<String> adminerUp =
        List.of("php", "-r", "exit(@fsockopen('127.0.0.1', " + UI_PORT + ") ? 0 : 1);");
    GenericService.builder("database-ui")
        .component("dev-tool")
        .image(props.databaseUiImage())
        .composeOnly(PROFILE)
        .port("http", UI_PORT)
        .env("ADMINER_DEFAULT_SERVER", postgres.endpoint().host())
        .dependsOn(postgres.endpoint())
        .writable("/tmp")
        .readiness(new Probe(new Probe.Exec(adminerUp), 10, 3, 3))
        .liveness(new Probe(new Probe.Exec(adminerUp), 10, 3, 3))
        .resources(FrontendProps.DEFAULT_RESOURCES)
        .hostPort(props.databaseUiPort())
        .madeFrom(props, key -> key.equals("image") ? "databaseUiImage" : null)
        .addTo(stack);
  }

  /**
   * Adds the Redis UI alone with every {@link DevToolsProps} default ({@value #DEFAULT_REDIS_UI} on
   * {@code 127.0.0.1:8082}), for a stack whose environment files have no {@code devTools} section:
   * the Compose service {@code redis-ui}, opening that Redis.
   *
   * @param stack the stack; must be a development one
   * @param redis the Redis the UI opens
   */
  public static void redisUi(Stack stack, Redis redis) {
    redisUi(stack, DevToolsProps.defaults(), redis);
  }

  /**
   * Adds the Redis UI alone, for a stack with a Redis and no PostgreSQL: the Compose service {@code
   * redis-ui}, opening that Redis.
   *
   * @param stack the stack; must be a development one
   * @param props the environment's settings (the Redis UI's image and port)
   * @param redis the Redis the UI opens
   */
  public static void redisUi(Stack stack, DevToolsProps props, Redis redis) {
    requireDevelopment(stack);
    List<String> commanderUp =
        List.of(
            "node",
            "-e",
            "require('http').get('http://127.0.0.1:"
                + COMMANDER_PORT
                + "/',r=>process.exit(r.statusCode<500?0:1)).on('error',()=>process.exit(1))");
    GenericService.builder("redis-ui")
        .component("dev-tool")
        .image(props.redisUiImage())
        .composeOnly(PROFILE)
        .writableRootFilesystem(
            "Redis Commander's start script writes its connection settings into its own"
                + " config folder, beside defaults a scratch volume would hide")
        .port("http", COMMANDER_PORT)
        .env("REDIS_HOST", redis.endpoint().host())
        .env("REDIS_PORT", redis.endpoint().portValue())
        // Redis Commander reads no password file; this is the marked development value.
        .env("REDIS_PASSWORD", DevSecrets.value(redis.password()))
        .dependsOn(redis.endpoint())
        .writable("/tmp")
        .readiness(new Probe(new Probe.Exec(commanderUp), 10, 3, 3))
        .liveness(new Probe(new Probe.Exec(commanderUp), 10, 3, 3))
        .resources(RedisProps.DEFAULT_RESOURCES)
        // The image's own user, which owns the config folder it writes into.
        .runAs(REDIS_COMMANDER_UID, REDIS_COMMANDER_UID)
        .hostPort(props.redisUiPort())
        .madeFrom(props, key -> key.equals("image") ? "redisUiImage" : null)
        .addTo(stack);
  }

  private static void requireDevelopment(Stack stack) {
    if (!stack.development()) {
      throw new IllegalArgumentException(
          "database-ui and redis-ui, the development tools, belong to development environments"
              + " only; add them only when stack.development() is true");
    }
  }
}
