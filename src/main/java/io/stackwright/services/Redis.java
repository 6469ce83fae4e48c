package io.stackwright.services;

import io.stackwright.config.RedisConf;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Endpoint;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.SecretFile;
import io.stackwright.stack.Stack;
import java.util.function.UnaryOperator;

/**
 * Redis with append-only persistence on its own volume: a single-replica StatefulSet on Kubernetes,
 * a named volume in Compose. {@code redis.conf} is generated from the memory limit ({@code
 * maxmemory}, eviction, AOF {@code everysec}); the password comes from a secret file and is
 * written, at start, into a file on {@code /tmp} that the configuration includes, so that it never
 * appears in a process's arguments. Runs as the image's {@code redis} user (999).
 */
public final class Redis {
  /** The image used when the environment file names none: pinned, Debian-based. */
  public static final String DEFAULT_IMAGE = "redis:7.4.2";

  /** The service name. */
  public static final String NAME = "redis";

  /** Redis's port. */
  public static final int PORT = 6379;

  /** The {@code redis} user and group of the official image. */
  public static final int REDIS_UID = 999;

  private static final String CONFIG_PATH = "/usr/local/etc/redis/redis.conf";

  private final SecretFile password;

  /**
   * Adds Redis to the stack as the service {@code redis}.
   *
   * @param stack the stack
   * @param props the environment's settings
   */
  public Redis(Stack stack, RedisProps props) {
    this.password = new SecretFile(NAME + "-password", props.passwordSecret(), "password");
    Probe.Exec ping = new Probe.Exec(RedisConf.pingCommand(password.path()));
    String conf =
        RedisConf.render(props.resources().toResources().memoryLimit(), props.evictionPolicy());
    GenericService.builder(NAME)
        .component("cache")
        .image(props.image())
        .volume("data", "/data", props.storage(), props.storageClass())
        .port("redis", PORT)
        .command(RedisConf.startCommand(CONFIG_PATH, password.path()))
        .config(CONFIG_PATH, conf, ConfigChecker.REDIS)
        .secret(password, "REDIS_PASSWORD_FILE")
        // Holds the file with the password: memory only, on both targets.
        .writableInMemory("/tmp", Memory.mebibytes(16))
        .readiness(new Probe(ping, 10, 3, 3))
        .liveness(new Probe(ping, 20, 5, 6))
        .startupSeconds(60)
        .resources(props.resources().toResources())
        .runAs(REDIS_UID, REDIS_UID)
        .madeFrom(props, UnaryOperator.identity())
        .addTo(stack);
  }

  /** {@return where clients connect} */
  public Endpoint endpoint() {
    return new Endpoint(NAME, PORT);
  }

  /** {@return the password, as a secret file clients mount too} */
  public SecretFile password() {
    return password;
  }
}
