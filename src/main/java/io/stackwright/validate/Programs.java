package io.stackwright.validate;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the real programs that read the generated config files are (docs/validation.md), each
 * looked for in this order: a system property ({@code -Dstackwright.nginx=<file>}, {@code
 * -Dstackwright.redis-server=<file>}, {@code -Dstackwright.promtool=<file>}, {@code
 * -Dstackwright.postgresql=<folder>}), then the tools folder ({@link Tools#folder}). nginx and
 * redis-server are also taken from {@code PATH} (and {@code /usr/sbin}); promtool and PostgreSQL
 * are not, as a system's is seldom the image's version and the wrong one proves nothing (Debian's
 * promtool 2.42 rejects {@code kubernetes_sd_configs}).
 *
 * @param nginx the nginx executable, or {@code null}
 * @param nginxConf the folder that stands for the image's {@code /etc/nginx} ({@code mime.types}),
 *     or {@code null}, when a minimal {@code mime.types} stands in
 * @param promtool the promtool executable, or {@code null}
 * @param redisServer the redis-server executable, or {@code null}
 * @param postgresql the PostgreSQL installation folder, with {@code bin/initdb} and {@code
 *     bin/postgres}, or {@code null}
 */
public record Programs(
    Path nginx, Path nginxConf, Path promtool, Path redisServer, Path postgresql) {

  private static final String HINT = "; " + Tools.INSTALL_HINT;

  /**
   * Makes the paths absolute, as the programs run in scratch folders.
   *
   * @param nginx see {@link #nginx()}
   * @param nginxConf see {@link #nginxConf()}
   * @param promtool see {@link #promtool()}
   * @param redisServer see {@link #redisServer()}
   * @param postgresql see {@link #postgresql()}
   */
  public Programs {
    nginx = absolute(nginx);
    nginxConf = absolute(nginxConf);
    promtool = absolute(promtool);
    redisServer = absolute(redisServer);
    postgresql = absolute(postgresql);
  }

  /** {@return no program: their layers are skipped} */
  public static Programs none() {
    return new Programs(null, null, null, null, null);
  }

  /**
   * Finds the programs.
   *
   * @param tools the tools folder ({@link Tools#folder})
   * @param properties system properties, e.g. {@code System::getProperty}
   * @param path the {@code PATH} variable, or {@code null}
   * @return the programs found; each one not found is {@code null}
   */
  public static Programs locate(Path tools, Function<String, String> properties, String path) {
    Path bin = tools.resolve("bin");
    Path nginx =
        Tools.property(properties, "stackwright.nginx")
            .or(() -> Tools.executable(bin.resolve("nginx")))
            .or(() -> onPath(path, "nginx"))
            .orElse(null);
    Path nginxConf =
        Optional.of(tools.resolve("debian/nginx/etc/nginx"))
            .or(() -> Optional.of(Path.of("/etc/nginx")))
            .filter(folder -> Files.isRegularFile(folder.resolve("mime.types")))
            .orElse(null);
    Path promtool =
        Tools.property(properties, "stackwright.promtool")
            .or(() -> Tools.executable(bin.resolve("promtool")))
            .orElse(null);
    Path redis =
        Tools.property(properties, "stackwright.redis-server")
            .or(() -> Tools.executable(bin.resolve("redis-server")))
            .or(() -> onPath(path, "redis-server"))
            .orElse(null);
    Path postgresql =
        Tools.property(properties, "stackwright.postgresql")
            .or(() -> Optional.of(tools.resolve("postgresql")))
            .filter(folder -> Files.isExecutable(folder.resolve("bin/postgres")))
            .orElse(null);
    return new Programs(nginx, nginxConf, promtool, redis, postgresql);
  }

  /** {@return why the nginx layer cannot run, or {@code null} when it can} */
  public String nginxMissing() {
    return nginx == null
        ? "nginx not found (-Dstackwright.nginx, <tools>/bin/nginx, PATH, /usr/sbin)" + HINT
        : null;
  }

  /** {@return why the promtool layer cannot run, or {@code null} when it can} */
  public String promtoolMissing() {
    return promtool == null
        ? "promtool of the image's version not found (-Dstackwright.promtool, <tools>/bin/promtool)"
            + HINT
        : null;
  }

  /** {@return why the redis layer cannot run, or {@code null} when it can} */
  public String redisMissing() {
    return redisServer == null
        ? "redis-server not found (-Dstackwright.redis-server, <tools>/bin/redis-server, PATH)"
            + HINT
        : null;
  }

  /** {@return why the postgresql layer cannot run, or {@code null} when it can} */
  public String postgresqlMissing() {
    return postgresql == null
        ? "PostgreSQL of the image's major version not found (-Dstackwright.postgresql,"
            + " <tools>/postgresql)"
            + HINT
        : null;
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().normalize();
  }

  /** On {@code PATH}, then in {@code /usr/sbin}, where Debian puts nginx. */
  private static Optional<Path> onPath(String path, String name) {
    return Tools.onPath((path == null ? "" : path) + File.pathSeparator + "/usr/sbin", name);
  }
}
