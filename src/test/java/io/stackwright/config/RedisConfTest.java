package io.stackwright.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedisConfTest {

  @ParameterizedTest
  @CsvSource({"64Mi, 48", "100Mi, 75", "512Mi, 384", "1Gi, 768", "3Gi, 2304"})
  void maxMemoryIsThreeQuartersOfTheLimit(String limit, long mebibytes) {
    assertThat(RedisConf.maxMemory(Memory.parse(limit)).mebibytes()).isEqualTo(mebibytes);
    assertThat(RedisConf.render(Memory.parse(limit), EvictionPolicy.NOEVICTION))
        .contains("\nmaxmemory " + mebibytes + "mb\n");
  }

  @Test
  void policiesAreRedisSEightWithItsSpelling() {
    assertThat(Arrays.stream(EvictionPolicy.values()).map(EvictionPolicy::configValue))
        .containsExactly(
            "noeviction",
            "allkeys-lru",
            "allkeys-lfu",
            "allkeys-random",
            "volatile-lru",
            "volatile-lfu",
            "volatile-random",
            "volatile-ttl");
    assertThat(RedisConf.render(Memory.gibibytes(1), EvictionPolicy.VOLATILE_TTL))
        .contains("\nmaxmemory-policy volatile-ttl\n");
  }

  @Test
  void persistenceIsTheAppendOnlyFileOnTheDataVolumeWithoutSnapshots() {
    List<String> lines =
        RedisConf.render(Memory.gibibytes(1), EvictionPolicy.NOEVICTION).lines().toList();

    assertThat(lines)
        .contains(
            "dir /data",
            "appendonly yes",
            "appendfsync everysec",
            "appenddirname \"appendonlydir\"",
            "save \"\"");
  }

  @Test
  void thePasswordFileIsIncludedLastAndNoPasswordIsInTheFile() {
    String conf = RedisConf.render(Memory.gibibytes(1), EvictionPolicy.NOEVICTION);
    List<String> lines = conf.lines().filter(l -> !l.isBlank()).toList();

    assertThat(lines.get(lines.size() - 1)).isEqualTo("include " + RedisConf.AUTH_FILE);
    assertThat(lines).noneMatch(l -> l.startsWith("requirepass"));
    assertThat(lines).contains("protected-mode yes", "bind * -::*", "port 6379");
    assertThat(RedisConf.WRITABLE_PATHS).containsExactly("/data", "/tmp");
  }

  @Test
  void aLimitBelow64MiIsRejectedWithTheKey() {
    assertThatThrownBy(() -> RedisConf.render(Memory.mebibytes(63), EvictionPolicy.ALLKEYS_LRU))
        .isInstanceOfSatisfying(
            InvalidPropException.class,
            e -> assertThat(e.key()).isEqualTo("resources.memoryLimit"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "relative/path", "/run/secrets/x' ; rm -rf /", "/a b", "/$(id)"})
  void pathsThatWouldNeedShellQuotingAreRejected(String path) {
    assertThatThrownBy(() -> RedisConf.startCommand(RedisConf.CONFIG_PATH, path))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisConf.pingCommand(path))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void commandsNeverCarryThePasswordAsAnArgument() {
    List<String> start =
        RedisConf.startCommand(RedisConf.CONFIG_PATH, "/run/secrets/redis-password");
    List<String> ping = RedisConf.pingCommand("/run/secrets/redis-password");

    assertThat(start).hasSize(3).startsWith("sh", "-c");
    assertThat(start.get(2))
        .contains("cat '/run/secrets/redis-password'")
        .endsWith("exec redis-server '/usr/local/etc/redis/redis.conf'");
    assertThat(ping)
        .containsExactly(
            "sh",
            "-c",
            "REDISCLI_AUTH=\"$(cat '/run/secrets/redis-password')\" redis-cli -h 127.0.0.1"
                + " -p 6379 ping | grep -q PONG");
  }

  @Test
  void wholeFileFor512MiAsACache() {
    String conf = RedisConf.render(Memory.mebibytes(512), EvictionPolicy.ALLKEYS_LRU);

    assertThat(conf).isEqualTo(Golden.read("redis-512Mi.conf")).endsWith("\n");
  }

  /** Runs the generated scripts with {@code sh}, with stand-ins for the Redis programs. */
  @Nested
  @EnabledOnOs({OS.LINUX, OS.MAC})
  class Scripts {
    @TempDir Path dir;

    @Test
    void startWritesThePasswordEscapedForRedisWithOwnerOnlyAccessThenStartsRedis()
        throws Exception {
      // Quotes, backslashes and shell syntax must reach Redis as written; the trailing newline of
      // the secret file is not part of the password.
      String password = "p@ss\"w\\ord$x`y'z \\x41 $(id)";
      Path passwordFile = write("password", password + "\n");

      Result result = start(passwordFile);

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(Files.readString(dir.resolve("auth.conf")))
          .isEqualTo("requirepass \"p@ss\\\"w\\\\ord$x`y'z \\\\x41 $(id)\"\n");
      assertThat(Files.getPosixFilePermissions(dir.resolve("auth.conf")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(Files.readString(dir.resolve("redis-server.args")))
          .isEqualTo(dir.resolve("redis.conf") + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "two\nlines", "tab\there", "carriage\r\n"})
    void startStopsOnAPasswordRedisCouldNotRead(String content) throws Exception {
      Result result = start(write("password", content));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr()).contains("must hold one line");
      assertThat(dir.resolve("auth.conf")).doesNotExist();
      assertThat(dir.resolve("redis-server.args")).doesNotExist();
    }

    @Test
    void pingAuthenticatesThroughTheEnvironment() throws Exception {
      Path passwordFile = write("password", "s3cret\"'\n");
      // Answers PONG only when the password arrives in REDISCLI_AUTH, and records its arguments.
      fakeProgram(
          "redis-cli",
          "printf '%s\\n' \"$*\" > '" + dir.resolve("redis-cli.args") + "'",
          "[ \"$REDISCLI_AUTH\" = \"s3cret\\\"'\" ] && echo PONG || echo NOAUTH");

      Result result = run(RedisConf.pingCommand(passwordFile.toString()));

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(Files.readString(dir.resolve("redis-cli.args")))
          .isEqualTo("-h 127.0.0.1 -p 6379 ping\n");
    }

    @Test
    void pingFailsWithTheWrongPassword() throws Exception {
      Path passwordFile = write("password", "wrong\n");
      fakeProgram("redis-cli", "[ \"$REDISCLI_AUTH\" = right ] && echo PONG || echo NOAUTH");

      assertThat(run(RedisConf.pingCommand(passwordFile.toString())).exitCode()).isNotZero();
    }

    private Result start(Path passwordFile) throws Exception {
      fakeProgram(
          "redis-server", "printf '%s\\n' \"$*\" > '" + dir.resolve("redis-server.args") + "'");
      return run(
          RedisConf.startCommand(
              dir.resolve("redis.conf").toString(),
              passwordFile.toString(),
              dir.resolve("auth.conf").toString()));
    }

    private Path write(String name, String content) throws IOException {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private void fakeProgram(String name, String... lines) throws IOException {
      Path bin = Files.createDirectories(dir.resolve("bin"));
      Path program = bin.resolve(name);
      Files.writeString(program, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
      Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    }

    private Result run(List<String> argv) throws Exception {
      ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(argv));
      builder.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
      builder.redirectOutput(dir.resolve("stdout").toFile());
      builder.redirectError(dir.resolve("stderr").toFile());
      Process process = builder.start();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
      return new Result(process.exitValue(), Files.readString(dir.resolve("stderr")));
    }
  }

  private record Result(int exitCode, String stderr) {}
}
