package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.config.EvictionPolicy;
import io.stackwright.config.RedisConf;
import io.stackwright.model.ConfigChecker;
import io.stackwright.model.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * redis-server loads every generated redis.conf, on 127.0.0.1 and a free port, and {@code CONFIG
 * GET} answers the model's values.
 */
class RedisCheckTest {
  @TempDir Path scratch;

  static Stream<Path> generated() throws IOException {
    try (Stream<Path> files = Files.walk(InstalledTools.PROJECT.resolve("dist"))) {
      return files
          .filter(f -> f.getFileName().toString().equals("redis.conf"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("generated")
  void redisLoadsEveryGeneratedFileAsItIsWritten(Path file) throws Exception {
    assertThat(check(Files.readString(file))).isEmpty();
  }

  @Test
  void configGetAnswersTheModelsValues() throws Exception {
    Memory limit = Memory.mebibytes(512);
    RedisCheck redis = new RedisCheck(programs().redisServer());
    try (RedisCheck.Server server =
        redis.start(RedisConf.render(limit, EvictionPolicy.ALLKEYS_LFU), scratch)) {
      assertThat(get(server, "maxmemory"))
          .isEqualTo(String.valueOf(RedisConf.maxMemory(limit).mebibytes() << 20));
      assertThat(get(server, "maxmemory-policy"))
          .isEqualTo(EvictionPolicy.ALLKEYS_LFU.configValue());
      assertThat(get(server, "appendonly")).isEqualTo("yes");
      assertThat(get(server, "appendfsync")).isEqualTo("everysec");
      assertThat(get(server, "save")).isEmpty();
      assertThat(get(server, "protected-mode")).isEqualTo("yes");
      // The password the start command writes, which the file includes last, is required.
      assertThat(get(server, "requirepass")).isEqualTo(server.password());
      assertThat(get(server, "enable-debug-command")).isEqualTo("no");
    }
    assertThat(
            ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(scratch.toString())))
        .isEmpty();
  }

  @Test
  void anUnknownDirectiveIsRejected() throws Exception {
    String broken =
        RedisConf.render(Memory.mebibytes(512), EvictionPolicy.NOEVICTION)
            .replace("appendonly yes", "appendonly yes\nappendonly-colour blue");

    assertThat(check(broken))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.layer()).isEqualTo(Layer.REDIS);
              assertThat(f.message())
                  .contains("refused the file")
                  .contains("appendonly-colour")
                  .contains("Bad directive");
            });
  }

  @Test
  void aValueTheServerReadsOtherwiseIsReported() throws Exception {
    // Redis caps hz at 500 without refusing the file: only reading the value back shows it.
    String changed =
        RedisConf.render(Memory.gibibytes(2), EvictionPolicy.VOLATILE_LRU)
            .replace("timeout 0", "timeout 0\nhz 1000");

    assertThat(check(changed))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .isEqualTo("CONFIG GET hz answers \"500\", the file says \"1000\""));
  }

  @Test
  void sizesAreComparedInBytes() {
    assertThat(RedisCheck.same("1536mb", "1610612736")).isTrue();
    assertThat(RedisCheck.same("1536m", "1610612736")).isFalse();
    assertThat(RedisCheck.same("volatile-lru", "volatile-lru")).isTrue();
  }

  private static String get(RedisCheck.Server server, String name) throws IOException {
    List<String> answer = RedisCheck.command(server, "CONFIG", "GET", name);
    assertThat(answer).hasSize(2);
    return answer.get(1);
  }

  private List<Finding> check(String content) throws Exception {
    GeneratedConfig config =
        new GeneratedConfig(
            "redis", ConfigChecker.REDIS, "compose/config/redis/redis.conf", "", "", content);
    return new RedisCheck(programs().redisServer()).check(config, scratch);
  }

  private static Programs programs() {
    return InstalledTools.requirePrograms(Programs::redisMissing);
  }
}
