package io.stackwright.validate;

import io.stackwright.files.FileTrees;
import io.stackwright.render.compose.ComposeRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The tools of one check of the {@link ValidationGate}, running as child processes beside the
 * policy rules, on a thread pool of this check's own: kubeconform once for every environment and
 * the Compose CLI once per Compose file, on a copy of the output in a scratch folder outside {@code
 * dist/}, and the real programs ({@link ProgramLayers}). Their findings are joined in a fixed
 * order, whatever finishes first; {@link #close} removes the scratch folder once every tool is done
 * with it.
 */
final class ToolRuns {
  /** The folder of an output's Compose files, which the Compose renderer writes. */
  private static final String COMPOSE_FOLDER = "compose/";

  private final Tools tools;
  private final ExecutorService pool = Executors.newCachedThreadPool(ValidationGate::daemon);
  private Map<Layer, CompletableFuture<ToolResult>> programs = Map.of();
  private long started;
  private Path scratch;
  private CompletableFuture<ToolResult> kubeconform;

  /** The Compose checks; {@code null} when the Compose layer does not run. */
  private List<CompletableFuture<ToolResult>> compose;

  /** The Compose checks begun before the gate, by environment, with the files each read. */
  private final Map<String, EarlyCompose> early = new HashMap<>();

  private Path earlyScratch;

  private record EarlyCompose(Map<String, String> files, CompletableFuture<ToolResult> result) {}

  ToolRuns(Tools tools) {
    this.tools = tools;
  }

  /** No tool at all: the gate of the policy layer alone. */
  static ToolRuns none() {
    return new ToolRuns(Tools.none());
  }

  /** Starts the layer of each real program that has files to read; marks a missing one skipped. */
  void startPrograms(List<Subject> subjects, GateFindings found) {
    programs = ProgramLayers.start(tools.programs(), subjects, found, pool);
  }

  /**
   * Copies every output into a scratch folder and starts kubeconform and the Compose CLI on it, as
   * asked; when the copy fails, neither runs, and the gate fails with why.
   */
  void startInScratch(
      List<Subject> subjects, boolean runKubeconform, boolean runCompose, GateFindings found) {
    started = System.nanoTime();
    try {
      scratch = Files.createTempDirectory(ValidationGate.SCRATCH_PREFIX);
      ValidationGate.copy(subjects, scratch);
    } catch (IOException e) {
      found.toolFailure(
          "cannot copy the output to a scratch folder for the tools ("
              + (scratch == null ? "no folder" : scratch)
              + "): "
              + e);
      return;
    }
    if (runKubeconform) {
      startKubeconform(subjects);
    }
    if (runCompose) {
      compose = new ArrayList<>();
      Path root = scratch;
      for (Subject subject : subjects) {
        if (subject.output().text(ComposeRenderer.COMPOSE_FILE) == null) {
          continue;
        }
        CompletableFuture<ToolResult> begun = begunFor(subject);
        String environment = subject.environment();
        String envExample = subject.output().text(ComposeCli.ENV_EXAMPLE);
        compose.add(
            begun != null
                ? begun
                : CompletableFuture.supplyAsync(
                    () -> compose(environment, envExample, root), pool));
      }
    }
  }

  private void startKubeconform(List<Subject> subjects) {
    int objects = kubeconformObjects(subjects);
    Path root = scratch;
    kubeconform = CompletableFuture.supplyAsync(() -> kubeconform(subjects, root, objects), pool);
  }

  /**
   * Starts the Compose CLI on an environment's Compose files, in a scratch folder of their own.
   * When they cannot be copied there, nothing starts: the gate checks them as it would have.
   */
  synchronized void beginCompose(String environment, Map<String, String> files) {
    String composeFile = files.get(ComposeRenderer.COMPOSE_FILE);
    if (composeFile == null || early.containsKey(environment) || pool.isShutdown()) {
      return;
    }
    Map<String, String> copy = Map.copyOf(files);
    try {
      if (earlyScratch == null) {
        earlyScratch = Files.createTempDirectory(ValidationGate.SCRATCH_PREFIX);
      }
      Map<String, byte[]> bytes = new LinkedHashMap<>();
      copy.forEach((path, text) -> bytes.put(path, text.getBytes(StandardCharsets.UTF_8)));
      ValidationGate.write(earlyScratch.resolve(environment), bytes);
    } catch (IOException e) {
      return;
    }
    Path root = earlyScratch;
    String envExample = copy.get(ComposeCli.ENV_EXAMPLE);
    early.put(
        environment,
        new EarlyCompose(
            copy,
            CompletableFuture.supplyAsync(() -> compose(environment, envExample, root), pool)));
  }

  /** The Compose check begun early for the subject, if it read exactly the subject's files. */
  private synchronized CompletableFuture<ToolResult> begunFor(Subject subject) {
    EarlyCompose begun = early.get(subject.environment());
    if (begun == null) {
      return null;
    }
    Map<String, String> files = new HashMap<>();
    subject.output().files().keySet().stream()
        .filter(path -> path.startsWith(COMPOSE_FOLDER))
        .forEach(path -> files.put(path, subject.output().text(path)));
    return files.equals(begun.files()) ? begun.result() : null;
  }

  /** Waits for every tool, and adds what each found, layer by layer. */
  void join(GateFindings found) {
    if (kubeconform != null) {
      ToolResult result = kubeconform.join();
      found.add(result);
      found.ran(Layer.KUBECONFORM, Duration.ofNanos(result.finished() - started));
    }
    if (compose != null) {
      joinCompose(found);
    }
    programs.forEach(
        (layer, future) -> {
          ToolResult result = future.join();
          found.add(result);
          found.ran(layer, Duration.ofNanos(result.finished() - result.started()));
        });
  }

  private void joinCompose(GateFindings found) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (CompletableFuture<ToolResult> future : compose) {
      ToolResult result = future.join();
      found.add(result);
      first = Math.min(first, result.started());
      last = Math.max(last, result.finished());
    }
    // From the first check's start to the last one's end.
    found.ran(Layer.COMPOSE, Duration.ofNanos(compose.isEmpty() ? 0 : last - first));
  }

  /**
   * Removes the scratch folder, once every tool is done with it: a failed join waits for the rest.
   */
  synchronized void close() {
    pool.shutdown();
    List<CompletableFuture<?>> all = new ArrayList<>();
    if (kubeconform != null) {
      all.add(kubeconform);
    }
    if (compose != null) {
      all.addAll(compose);
    }
    early.values().forEach(begun -> all.add(begun.result()));
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    for (Path folder : new Path[] {scratch, earlyScratch}) {
      if (folder != null) {
        FileTrees.deleteQuietly(folder);
      }
    }
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
    long begun = System.nanoTime();
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      files.put(subject.environment(), PolicyLayer.manifestFiles(subject.output()));
    }
    try {
      Map<String, List<Finding>> found =
          new Kubeconform(tools.kubeconform(), tools.schemas()).check(scratch, files, objects);
      return new ToolResult(found, List.of(), begun, System.nanoTime());
    } catch (ToolRun.ToolFailure e) {
      return new ToolResult(Map.of(), List.of(e.getMessage()), begun, System.nanoTime());
    }
  }

  /**
   * The Compose CLI on an environment's Compose file, copied into {@code scratch} as {@code
   * <env>/compose/compose.yaml}.
   */
  private ToolResult compose(String environment, String envExample, Path scratch) {
    long begun = System.nanoTime();
    String file = ComposeRenderer.COMPOSE_FILE;
    try {
      List<Finding> found =
          new ComposeCli(tools.compose())
              .check(scratch.resolve(environment).resolve(file), file, envExample, scratch);
      return new ToolResult(Map.of(environment, found), List.of(), begun, System.nanoTime());
    } catch (ToolRun.ToolFailure e) {
      return new ToolResult(Map.of(), List.of(e.getMessage()), begun, System.nanoTime());
    }
  }
}
