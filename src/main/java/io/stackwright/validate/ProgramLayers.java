package io.stackwright.validate;

import io.stackwright.files.FileTrees;
import io.stackwright.model.ConfigChecker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The layers of the real programs (nginx, promtool, redis-server, PostgreSQL) on the generated
 * configuration files they read, each started on a thread of its own, in scratch folders of their
 * own. A layer no environment has files for neither runs nor is skipped.
 */
final class ProgramLayers {
  private ProgramLayers() {}

  /** One file's check by a real program, in a scratch folder of its own. */
  @FunctionalInterface
  private interface FileCheck {
    List<Finding> check(GeneratedConfig config, Path scratch) throws ToolRun.ToolFailure;
  }

  /**
   * Starts the layer of each program that has files to read; marks a layer whose program is missing
   * skipped.
   *
   * @return the layers started, each with what it will find
   */
  static Map<Layer, CompletableFuture<ToolResult>> start(
      Programs programs, List<Subject> subjects, GateFindings found, Executor executor) {
    Map<Layer, CompletableFuture<ToolResult>> started = new EnumMap<>(Layer.class);
    FileCheck nginx =
        (config, scratch) ->
            new NginxCheck(programs.nginx(), programs.nginxConf()).check(config, scratch);
    FileCheck promtool =
        (config, scratch) -> new Promtool(programs.promtool()).check(config, scratch);
    FileCheck redis =
        (config, scratch) -> new RedisCheck(programs.redisServer()).check(config, scratch);
    Layers layers = new Layers(started, found, subjects, executor);
    layers.start(ConfigChecker.NGINX, Layer.NGINX, programs.nginxMissing(), nginx);
    layers.start(ConfigChecker.PROMETHEUS, Layer.PROMTOOL, programs.promtoolMissing(), promtool);
    layers.start(ConfigChecker.REDIS, Layer.REDIS, programs.redisMissing(), redis);
    layers.startPostgres(programs);
    return started;
  }

  /** The layers being started, with what they share. */
  private record Layers(
      Map<Layer, CompletableFuture<ToolResult>> started,
      GateFindings found,
      List<Subject> subjects,
      Executor executor) {

    /** Starts one program's layer on the files of {@code checker}, if any; or marks it skipped. */
    void start(ConfigChecker checker, Layer layer, String missing, FileCheck check) {
      Map<String, List<GeneratedConfig>> configs = configs(subjects, checker);
      if (configs.isEmpty()) {
        return;
      }
      if (missing != null) {
        found.skipIfMissing(layer, missing);
        return;
      }
      started.put(layer, CompletableFuture.supplyAsync(() -> checkFiles(configs, check), executor));
    }

    /** One throwaway cluster for every file: initdb is most of the layer's time. */
    void startPostgres(Programs programs) {
      Map<String, List<GeneratedConfig>> postgres =
          configs(subjects, ConfigChecker.POSTGRESQL, ConfigChecker.POSTGRESQL_INIT);
      if (postgres.isEmpty()) {
        return;
      }
      if (programs.postgresqlMissing() != null) {
        found.skipIfMissing(Layer.POSTGRESQL, programs.postgresqlMissing());
        return;
      }
      started.put(
          Layer.POSTGRESQL,
          CompletableFuture.supplyAsync(() -> checkPostgres(programs, postgres), executor));
    }
  }

  private static ToolResult checkPostgres(
      Programs programs, Map<String, List<GeneratedConfig>> postgres) {
    long begun = System.nanoTime();
    try {
      Map<String, List<Finding>> found = new PostgresCheck(programs.postgresql()).check(postgres);
      return new ToolResult(found, List.of(), begun, System.nanoTime());
    } catch (ToolRun.ToolFailure e) {
      return new ToolResult(Map.of(), List.of(e.getMessage()), begun, System.nanoTime());
    }
  }

  private static ToolResult checkFiles(
      Map<String, List<GeneratedConfig>> configs, FileCheck check) {
    long begun = System.nanoTime();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory(ValidationGate.SCRATCH_PREFIX);
      Map<String, List<Finding>> found = new LinkedHashMap<>();
      int n = 0;
      for (Map.Entry<String, List<GeneratedConfig>> environment : configs.entrySet()) {
        List<Finding> list = new ArrayList<>();
        for (GeneratedConfig config : environment.getValue()) {
          Path folder = Files.createDirectories(scratch.resolve(String.valueOf(n++)));
          list.addAll(check.check(config, folder));
        }
        found.put(environment.getKey(), list);
      }
      return new ToolResult(found, List.of(), begun, System.nanoTime());
    } catch (IOException e) {
      return new ToolResult(
          Map.of(), List.of("cannot make a scratch folder: " + e), begun, System.nanoTime());
    } catch (ToolRun.ToolFailure e) {
      return new ToolResult(Map.of(), List.of(e.getMessage()), begun, System.nanoTime());
    } finally {
      FileTrees.deleteQuietly(scratch);
    }
  }

  /** Each environment's files for one program, in subject order; none: an empty map. */
  private static Map<String, List<GeneratedConfig>> configs(
      List<Subject> subjects, ConfigChecker... checkers) {
    List<ConfigChecker> wanted = List.of(checkers);
    Map<String, List<GeneratedConfig>> configs = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      List<GeneratedConfig> files =
          subject.configs().stream().filter(c -> wanted.contains(c.checker())).toList();
      if (!files.isEmpty()) {
        configs.put(subject.environment(), files);
      }
    }
    return configs;
  }
}
