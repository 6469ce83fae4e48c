package io.stackwright.validate;

import io.stackwright.files.FileTrees;
import io.stackwright.model.ConfigChecker;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.Violation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The validation gate every synth passes before anything is written: the policy rules on each
 * environment's output and the comparison of its two targets ({@link Parity}), kubeconform on its
 * manifests and the Compose CLI on its Compose file. The tools run on a copy of the output in a
 * scratch folder outside {@code dist/}, removed afterwards; {@code dist/} is never read or written
 * here.
 *
 * <p>A tool that is missing skips its layer, which the report says; in {@link ValidationMode#STRICT
 * strict} mode that fails the synth.
 */
public final class ValidationGate {
  /**
   * The scratch folders' prefix: {@code stackwright-validate} (which a later synth sweeps when a
   * killed one left it) and this process's id, so that one process's folders can be told from
   * another's synth running at the same time.
   */
  static final String SCRATCH_PREFIX =
      "stackwright-validate-" + ProcessHandle.current().pid() + "-";

  private final Tools tools;
  private final ValidationMode mode;
  private final boolean toolLayers;

  /** Compose checks begun before {@link #check}, by environment: the files checked, and what. */
  private final Map<String, EarlyCheck> early = new ConcurrentHashMap<>();

  private record EarlyCheck(Map<String, byte[]> files, CompletableFuture<ToolResult> result) {}

  private ValidationGate(Tools tools, ValidationMode mode, boolean toolLayers) {
    this.tools = tools;
    this.mode = mode;
    this.toolLayers = toolLayers;
  }

  /**
   * A gate with every layer, running the tools given.
   *
   * @param tools the tools found, as {@link Tools#locate} finds them
   * @param mode whether a layer whose tool is missing is skipped or fails the gate
   */
  public ValidationGate(Tools tools, ValidationMode mode) {
    this(tools, mode, true);
  }

  /**
   * A gate of the policy layer alone, which needs no tool; for code that renders in memory.
   *
   * @return the gate
   */
  public static ValidationGate policyOnly() {
    return new ValidationGate(Tools.none(), ValidationMode.AUTO, false);
  }

  /**
   * Begins the Compose CLI's check of an environment's Compose files now, before the rest of its
   * output is rendered: the Compose file is made in Java in a moment, the Kubernetes manifests take
   * the jsii kernel most of a synth, and the check then runs beside them rather than after. {@link
   * #check} takes its findings if the output it is given holds exactly these files, and checks
   * again otherwise. Does nothing when the Compose layer does not run.
   *
   * @param environment the environment
   * @param files the Compose renderer's files, by path in {@code dist/<env>/}
   */
  public void beginComposeCheck(String environment, Map<String, String> files) {
    if (!toolLayers
        || tools.composeMissing() != null
        || !files.containsKey(ComposeRenderer.COMPOSE_FILE)) {
      return;
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    files.forEach((path, text) -> copy.put(path, text.getBytes(StandardCharsets.UTF_8)));
    String envExample = files.get(ComposeCli.ENV_EXAMPLE);
    CompletableFuture<ToolResult> result =
        CompletableFuture.supplyAsync(
            () -> {
              Path scratch = null;
              long started = System.nanoTime();
              try {
                scratch = Files.createTempDirectory(SCRATCH_PREFIX);
                EARLY_SCRATCH.add(scratch);
                write(scratch.resolve(environment), copy);
                return compose(environment, envExample, scratch, started);
              } catch (IOException e) {
                return new ToolResult(
                    Map.of(),
                    List.of("cannot copy the Compose file to a scratch folder: " + e),
                    started,
                    System.nanoTime());
              } finally {
                if (scratch != null) {
                  delete(scratch);
                  EARLY_SCRATCH.remove(scratch);
                }
              }
            },
            EARLY);
    early.put(environment, new EarlyCheck(copy, result));
  }

  /** Runs the checks begun early; daemon threads, as a synth that fails leaves them behind. */
  private static final ExecutorService EARLY =
      Executors.newCachedThreadPool(ValidationGate::daemon);

  /**
   * The scratch folders of early checks still running. A synth that fails before its gate runs
   * exits without waiting for them, and a scratch folder holds a copy of the Compose files (in
   * development, with the generated secrets' files beside them): they are deleted on the way out.
   */
  private static final Set<Path> EARLY_SCRATCH = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ValidationGate::deleteEarlyScratch, "early-check-cleanup"));
  }

  /**
   * Deletes what is left of the early checks' scratch folders. Their threads still run meanwhile
   * and may add a file (the CLI's output) between the listing of a folder and its removal, so each
   * is tried again until it is gone, for half a second at most.
   */
  private static void deleteEarlyScratch() {
    for (Path scratch : List.copyOf(EARLY_SCRATCH)) {
      for (int attempt = 0; attempt < 50 && Files.exists(scratch); attempt++) {
        delete(scratch);
        if (Files.exists(scratch)) {
          try {
            Thread.sleep(10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /**
   * The check begun early for the subject's environment, if it checked exactly the subject's
   * Compose files.
   */
  private CompletableFuture<ToolResult> earlyCheck(Subject subject) {
    EarlyCheck check = early.remove(subject.environment());
    if (check == null) {
      return null;
    }
    Map<String, byte[]> files = subject.output().files();
    long composeFiles = files.keySet().stream().filter(p -> p.startsWith("compose/")).count();
    boolean same =
        composeFiles == check.files().size()
            && check.files().entrySet().stream()
                .allMatch(
                    f ->
                        files.containsKey(f.getKey())
                            && Arrays.equals(files.get(f.getKey()), f.getValue()));
    return same ? check.result() : null;
  }

  /**
   * Checks every subject; the report says whether the synth may write. The tools run as child
   * processes side by side (kubeconform once for every environment, the Compose CLI once per
   * Compose file) while the policy rules run here; their findings are put together in the same
   * order whatever finishes first.
   *
   * @param subjects the output of each environment, in synth order
   * @return the report
   */
  public ValidationReport check(List<Subject> subjects) {
    Map<Layer, Duration> durations = new EnumMap<>(Layer.class);
    List<Layer> ran = new ArrayList<>();
    Map<Layer, String> skipped = new EnumMap<>(Layer.class);
    List<String> toolFailures = new ArrayList<>();
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    Map<String, List<ValidationReport.Waived>> waived = new LinkedHashMap<>();

    String kubeconformMissing = toolLayers ? tools.kubeconformMissing() : null;
    String composeMissing = toolLayers ? tools.composeMissing() : null;
    if (kubeconformMissing != null) {
      skipped.put(Layer.KUBECONFORM, kubeconformMissing);
    }
    if (composeMissing != null) {
      skipped.put(Layer.COMPOSE, composeMissing);
    }
    boolean runKubeconform = toolLayers && kubeconformMissing == null;
    boolean runCompose = toolLayers && composeMissing == null;
    // The real programs start at once, beside the tools: each layer checks its files on a thread.
    Map<Layer, CompletableFuture<ToolResult>> programs =
        toolLayers ? startPrograms(subjects, skipped) : Map.of();

    Path scratch = null;
    ExecutorService pool = null;
    CompletableFuture<ToolResult> kubeconform = null;
    List<CompletableFuture<ToolResult>> compose = new ArrayList<>();
    long toolsStart = System.nanoTime();
    if (runKubeconform || runCompose) {
      try {
        scratch = Files.createTempDirectory(SCRATCH_PREFIX);
        copy(subjects, scratch);
        Path root = scratch;
        pool = Executors.newCachedThreadPool(ValidationGate::daemon);
        if (runKubeconform) {
          int objects = kubeconformObjects(subjects);
          kubeconform =
              CompletableFuture.supplyAsync(() -> kubeconform(subjects, root, objects), pool);
        }
        if (runCompose) {
          for (Subject subject : subjects) {
            if (subject.output().text(ComposeRenderer.COMPOSE_FILE) != null) {
              CompletableFuture<ToolResult> begun = earlyCheck(subject);
              compose.add(
                  begun != null
                      ? begun
                      : CompletableFuture.supplyAsync(
                          () ->
                              compose(
                                  subject.environment(),
                                  subject.output().text(ComposeCli.ENV_EXAMPLE),
                                  root,
                                  System.nanoTime()),
                          pool));
            }
          }
        }
      } catch (IOException e) {
        toolFailures.add(
            "cannot copy the output to a scratch folder for the tools ("
                + (scratch == null ? "no folder" : scratch)
                + "): "
                + e);
        runKubeconform = false;
        runCompose = false;
      }
    }

    try {
      long start = System.nanoTime();
      Map<String, Parity.Result> parity = new LinkedHashMap<>();
      for (Subject subject : subjects) {
        List<ValidationReport.Waived> applied = new ArrayList<>();
        PolicyLayer.Result policy = PolicyLayer.check(subject);
        parity.put(subject.environment(), policy.parity());
        List<Finding> remaining = Waivers.apply(subject, policy, applied);
        findings.put(subject.environment(), new ArrayList<>(remaining));
        waived.put(subject.environment(), applied);
      }
      ran.add(Layer.POLICY);
      durations.put(Layer.POLICY, Duration.ofNanos(System.nanoTime() - start));

      start = System.nanoTime();
      // Compared when the output was read back, as PARITY.md was made from the same comparison.
      parity.forEach(
          (environment, result) -> {
            for (Violation v : result.mismatches()) {
              findings
                  .get(environment)
                  .add(new Finding(Layer.PARITY, v.file(), v.object(), v.field(), "", v.message()));
            }
          });
      ran.add(Layer.PARITY);
      durations.put(Layer.PARITY, Duration.ofNanos(System.nanoTime() - start));

      if (runKubeconform) {
        ToolResult result = kubeconform.join();
        result.findings().forEach((env, found) -> add(findings, env, found, toolFailures));
        toolFailures.addAll(result.failures());
        ran.add(Layer.KUBECONFORM);
        durations.put(Layer.KUBECONFORM, Duration.ofNanos(result.finished() - toolsStart));
      }
      if (runCompose) {
        long started = Long.MAX_VALUE;
        long finished = Long.MIN_VALUE;
        for (CompletableFuture<ToolResult> future : compose) {
          ToolResult result = future.join();
          result.findings().forEach((env, found) -> add(findings, env, found, toolFailures));
          toolFailures.addAll(result.failures());
          started = Math.min(started, result.started());
          finished = Math.max(finished, result.finished());
        }
        ran.add(Layer.COMPOSE);
        // From the first check's start, which may be before the gate's (one begun early).
        durations.put(Layer.COMPOSE, Duration.ofNanos(compose.isEmpty() ? 0 : finished - started));
      }
      programs.forEach(
          (layer, future) -> {
            ToolResult result = future.join();
            result.findings().forEach((env, found) -> add(findings, env, found, toolFailures));
            toolFailures.addAll(result.failures());
            ran.add(layer);
            durations.put(layer, Duration.ofNanos(result.finished() - result.started()));
          });
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
      if (scratch != null) {
        // Only once every tool is done with it: a failed join above still waits for the rest.
        CompletableFuture.allOf(
                kubeconform == null ? CompletableFuture.completedFuture(null) : kubeconform,
                CompletableFuture.allOf(compose.toArray(CompletableFuture[]::new)))
            .exceptionally(e -> null)
            .join();
        delete(scratch);
      }
    }

    List<ValidationReport.EnvironmentReport> environments = new ArrayList<>();
    for (Subject subject : subjects) {
      environments.add(
          new ValidationReport.EnvironmentReport(
              subject.environment(),
              subject.environmentFile(),
              findings.get(subject.environment()),
              waived.get(subject.environment())));
    }
    return new ValidationReport(mode, environments, ran, skipped, toolFailures, durations);
  }

  /**
   * Starts the layer of each real program that has files to read, each on a thread of its own; puts
   * a layer whose program is missing into {@code skipped}. A layer no environment has files for
   * neither runs nor is skipped.
   */
  private Map<Layer, CompletableFuture<ToolResult>> startPrograms(
      List<Subject> subjects, Map<Layer, String> skipped) {
    Programs programs = tools.programs();
    Map<Layer, CompletableFuture<ToolResult>> started = new EnumMap<>(Layer.class);
    start(
        started,
        skipped,
        subjects,
        ConfigChecker.NGINX,
        Layer.NGINX,
        programs.nginxMissing(),
        (config, scratch) ->
            new NginxCheck(programs.nginx(), programs.nginxConf()).check(config, scratch));
    start(
        started,
        skipped,
        subjects,
        ConfigChecker.PROMETHEUS,
        Layer.PROMTOOL,
        programs.promtoolMissing(),
        (config, scratch) -> new Promtool(programs.promtool()).check(config, scratch));
    start(
        started,
        skipped,
        subjects,
        ConfigChecker.REDIS,
        Layer.REDIS,
        programs.redisMissing(),
        (config, scratch) -> new RedisCheck(programs.redisServer()).check(config, scratch));
    Map<String, List<GeneratedConfig>> postgres =
        configs(subjects, ConfigChecker.POSTGRESQL, ConfigChecker.POSTGRESQL_INIT);
    if (!postgres.isEmpty()) {
      if (programs.postgresqlMissing() != null) {
        skipped.put(Layer.POSTGRESQL, programs.postgresqlMissing());
      } else {
        // One throwaway cluster for every file: initdb is most of the layer's time.
        started.put(
            Layer.POSTGRESQL,
            CompletableFuture.supplyAsync(
                () -> {
                  long begun = System.nanoTime();
                  try {
                    Map<String, List<Finding>> found =
                        new PostgresCheck(programs.postgresql()).check(postgres);
                    return new ToolResult(found, List.of(), begun, System.nanoTime());
                  } catch (ToolRun.ToolFailure e) {
                    return new ToolResult(
                        Map.of(), List.of(e.getMessage()), begun, System.nanoTime());
                  }
                },
                EARLY));
      }
    }
    return started;
  }

  /** One file's check by a real program, in a scratch folder of its own. */
  @FunctionalInterface
  private interface FileCheck {
    List<Finding> check(GeneratedConfig config, Path scratch) throws ToolRun.ToolFailure;
  }

  /** Starts one program's layer on the files of {@code checker}, if any; or marks it skipped. */
  private static void start(
      Map<Layer, CompletableFuture<ToolResult>> started,
      Map<Layer, String> skipped,
      List<Subject> subjects,
      ConfigChecker checker,
      Layer layer,
      String missing,
      FileCheck check) {
    Map<String, List<GeneratedConfig>> configs = configs(subjects, checker);
    if (configs.isEmpty()) {
      return;
    }
    if (missing != null) {
      skipped.put(layer, missing);
      return;
    }
    started.put(layer, CompletableFuture.supplyAsync(() -> checkFiles(configs, check), EARLY));
  }

  private static ToolResult checkFiles(
      Map<String, List<GeneratedConfig>> configs, FileCheck check) {
    long begun = System.nanoTime();
    Path scratch = null;
    try {
      scratch = Files.createTempDirectory(SCRATCH_PREFIX);
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
      if (scratch != null) {
        delete(scratch);
      }
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

  /**
   * What one tool run found, by environment, or why it could not run; and when it finished.
   *
   * @param findings the findings of each environment it reported on
   * @param failures why the tool could not run or be read, if it could not
   * @param started {@link System#nanoTime()} when it began
   * @param finished {@link System#nanoTime()} when it was done
   */
  private record ToolResult(
      Map<String, List<Finding>> findings, List<String> failures, long started, long finished) {}

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "validation-tool");
    thread.setDaemon(true);
    return thread;
  }

  /**
   * The objects kubeconform will check, counted from the outputs as the policy layer reads them
   * (here, before the tools start, so that no tool thread parses a file again); -1 when a file
   * cannot be read as YAML.
   */
  private static int kubeconformObjects(List<Subject> subjects) {
    int objects = 0;
    for (Subject subject : subjects) {
      int counted = ReadBack.of(subject.output()).kubeconformObjects();
      if (counted < 0) {
        return -1;
      }
      objects += counted;
    }
    return objects;
  }

  private ToolResult kubeconform(List<Subject> subjects, Path scratch, int objects) {
    long started = System.nanoTime();
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      files.put(subject.environment(), PolicyLayer.manifestFiles(subject.output()));
    }
    try {
      Map<String, List<Finding>> found =
          new Kubeconform(tools.kubeconform(), tools.schemas()).check(scratch, files, objects);
      return new ToolResult(found, List.of(), started, System.nanoTime());
    } catch (ToolRun.ToolFailure e) {
      return new ToolResult(Map.of(), List.of(e.getMessage()), started, System.nanoTime());
    }
  }

  /**
   * The Compose CLI on an environment's Compose file, copied into {@code scratch} as {@code
   * <env>/compose/compose.yaml}.
   */
  private ToolResult compose(String environment, String envExample, Path scratch, long started) {
    String file = ComposeRenderer.COMPOSE_FILE;
    try {
      List<Finding> found =
          new ComposeCli(tools.compose())
              .check(scratch.resolve(environment).resolve(file), file, envExample, scratch);
      return new ToolResult(Map.of(environment, found), List.of(), started, System.nanoTime());
    } catch (ToolRun.ToolFailure e) {
      return new ToolResult(Map.of(), List.of(e.getMessage()), started, System.nanoTime());
    }
  }

  private static void add(
      Map<String, List<Finding>> findings,
      String environment,
      List<Finding> found,
      List<String> toolFailures) {
    List<Finding> list = findings.get(environment);
    if (list == null) {
      toolFailures.add("a tool reported on an unknown file of environment " + environment);
    } else {
      list.addAll(found);
    }
  }

  /** Copies every output file into {@code scratch} as {@code <env>/<file>}. */
  private static void copy(List<Subject> subjects, Path scratch) throws IOException {
    for (Subject subject : subjects) {
      write(scratch.resolve(subject.environment()), subject.output().files());
    }
  }

  /** Writes each file into {@code folder} at its relative path. */
  private static void write(Path folder, Map<String, byte[]> files) throws IOException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = folder.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }

  /** Best effort: a leftover scratch folder in the temp folder harms nothing. */
  private static void delete(Path folder) {
    FileTrees.deleteQuietly(folder);
  }
}
