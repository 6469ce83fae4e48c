package io.stackwright.validate;

import io.stackwright.files.FileTrees;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
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
    GateFindings found = new GateFindings();
    ToolRuns runs = startTools(subjects, found);
    try {
      checkPolicy(subjects, found);
      runs.join(found);
    } finally {
      runs.close();
    }
    return found.report(mode, subjects);
  }

  /** Starts every tool layer whose tool is found; marks the others skipped. */
  private ToolRuns startTools(List<Subject> subjects, GateFindings found) {
    if (!toolLayers) {
      return ToolRuns.none();
    }
    found.skipIfMissing(Layer.KUBECONFORM, tools.kubeconformMissing());
    found.skipIfMissing(Layer.COMPOSE, tools.composeMissing());
    // The real programs start at once, beside the tools: each layer checks its files on a thread.
    ToolRuns runs =
        new ToolRuns(tools, ProgramLayers.start(tools.programs(), subjects, found, EARLY));
    boolean runKubeconform = tools.kubeconformMissing() == null;
    boolean runCompose = tools.composeMissing() == null;
    if (runKubeconform || runCompose) {
      runs.startInScratch(subjects, runKubeconform, runCompose ? this::composeCheck : null, found);
    }
    return runs;
  }

  /** The Compose CLI's check of a subject: the one begun early, if it checked these files. */
  private CompletableFuture<ToolResult> composeCheck(Subject subject, Path scratch, Executor pool) {
    CompletableFuture<ToolResult> begun = earlyCheck(subject);
    if (begun != null) {
      return begun;
    }
    String envExample = subject.output().text(ComposeCli.ENV_EXAMPLE);
    return CompletableFuture.supplyAsync(
        () -> compose(subject.environment(), envExample, scratch, System.nanoTime()), pool);
  }

  /** The policy rules on each subject, with its waivers, then the comparison of its targets. */
  private static void checkPolicy(List<Subject> subjects, GateFindings found) {
    long start = System.nanoTime();
    Map<String, Parity.Result> parity = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      List<ValidationReport.Waived> applied = new ArrayList<>();
      PolicyLayer.Result policy = PolicyLayer.check(subject);
      parity.put(subject.environment(), policy.parity());
      found.policy(subject.environment(), Waivers.apply(subject, policy, applied), applied);
    }
    found.ran(Layer.POLICY, Duration.ofNanos(System.nanoTime() - start));
    checkParity(parity, found);
  }

  /** Compared when the output was read back, as PARITY.md was made from the same comparison. */
  private static void checkParity(Map<String, Parity.Result> parity, GateFindings found) {
    long start = System.nanoTime();
    parity.forEach(
        (environment, result) -> {
          for (Violation v : result.mismatches()) {
            found.add(
                environment,
                new Finding(Layer.PARITY, v.file(), v.object(), v.field(), "", v.message()));
          }
        });
    found.ran(Layer.PARITY, Duration.ofNanos(System.nanoTime() - start));
  }

  /** A thread of a tool's check: daemon, as a synth that fails leaves such checks behind. */
  static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "validation-tool");
    thread.setDaemon(true);
    return thread;
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

  /** Copies every output file into {@code scratch} as {@code <env>/<file>}. */
  static void copy(List<Subject> subjects, Path scratch) throws IOException {
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
