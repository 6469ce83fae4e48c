package io.stackwright.validate;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.PolicyInput;
import io.stackwright.validate.policy.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The validation gate every synth passes before anything is written: the policy rules on each
 * environment's output and the comparison of its two targets ({@link Parity}), then kubeconform on
 * its manifests and the Compose CLI on its Compose file. The tools run on a copy of the output in a
 * scratch folder outside {@code dist/}, removed afterwards; {@code dist/} is never read or written
 * here.
 *
 * <p>A tool that is missing skips its layer, which the report says; in {@link ValidationMode#STRICT
 * strict} mode that fails the synth.
 */
public final class ValidationGate {
  private final Tools tools;
  private final ValidationMode mode;
  private final boolean toolLayers;

  private ValidationGate(Tools tools, ValidationMode mode, boolean toolLayers) {
    this.tools = tools;
    this.mode = mode;
    this.toolLayers = toolLayers;
  }

  /** A gate with every layer, running the tools given. */
  public ValidationGate(Tools tools, ValidationMode mode) {
    this(tools, mode, true);
  }

  /** A gate of the policy layer alone, which needs no tool; for code that renders in memory. */
  public static ValidationGate policyOnly() {
    return new ValidationGate(Tools.none(), ValidationMode.AUTO, false);
  }

  /** Checks every subject; the report says whether the synth may write. */
  public ValidationReport check(List<Subject> subjects) {
    Map<Layer, Duration> durations = new EnumMap<>(Layer.class);
    List<Layer> ran = new ArrayList<>();
    Map<Layer, String> skipped = new EnumMap<>(Layer.class);
    List<String> toolFailures = new ArrayList<>();
    Map<String, List<Finding>> findings = new LinkedHashMap<>();
    Map<String, List<ValidationReport.Waived>> waived = new LinkedHashMap<>();

    long start = System.nanoTime();
    Map<String, PolicyInput> inputs = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      List<ValidationReport.Waived> applied = new ArrayList<>();
      PolicyLayer.Result policy = PolicyLayer.check(subject);
      inputs.put(subject.environment(), policy.input());
      List<Finding> remaining = Waivers.apply(subject, policy, applied);
      findings.put(subject.environment(), new ArrayList<>(remaining));
      waived.put(subject.environment(), applied);
    }
    ran.add(Layer.POLICY);
    durations.put(Layer.POLICY, Duration.ofNanos(System.nanoTime() - start));

    start = System.nanoTime();
    inputs.forEach(
        (environment, input) -> {
          for (Violation v : Parity.compare(input).mismatches()) {
            findings
                .get(environment)
                .add(new Finding(Layer.PARITY, v.file(), v.object(), v.field(), "", v.message()));
          }
        });
    ran.add(Layer.PARITY);
    durations.put(Layer.PARITY, Duration.ofNanos(System.nanoTime() - start));

    if (toolLayers) {
      String kubeconformMissing = tools.kubeconformMissing();
      String composeMissing = tools.composeMissing();
      if (kubeconformMissing != null) {
        skipped.put(Layer.KUBECONFORM, kubeconformMissing);
      }
      if (composeMissing != null) {
        skipped.put(Layer.COMPOSE, composeMissing);
      }
      if (kubeconformMissing == null || composeMissing == null) {
        Path scratch = null;
        try {
          scratch = Files.createTempDirectory("stackwright-validate");
          copy(subjects, scratch);
          if (kubeconformMissing == null) {
            start = System.nanoTime();
            kubeconform(subjects, scratch, findings, toolFailures);
            ran.add(Layer.KUBECONFORM);
            durations.put(Layer.KUBECONFORM, Duration.ofNanos(System.nanoTime() - start));
          }
          if (composeMissing == null) {
            start = System.nanoTime();
            compose(subjects, scratch, findings, toolFailures);
            ran.add(Layer.COMPOSE);
            durations.put(Layer.COMPOSE, Duration.ofNanos(System.nanoTime() - start));
          }
        } catch (IOException e) {
          toolFailures.add(
              "cannot copy the output to a scratch folder for the tools ("
                  + (scratch == null ? "no folder" : scratch)
                  + "): "
                  + e);
        } finally {
          if (scratch != null) {
            delete(scratch);
          }
        }
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

  private void kubeconform(
      List<Subject> subjects,
      Path scratch,
      Map<String, List<Finding>> findings,
      List<String> toolFailures) {
    Map<String, List<String>> files = new LinkedHashMap<>();
    for (Subject subject : subjects) {
      files.put(subject.environment(), PolicyLayer.manifestFiles(subject.output()));
    }
    try {
      new Kubeconform(tools.kubeconform(), tools.schemas())
          .check(scratch, files)
          .forEach((environment, found) -> add(findings, environment, found, toolFailures));
    } catch (ToolRun.ToolFailure e) {
      toolFailures.add(e.getMessage());
    }
  }

  private void compose(
      List<Subject> subjects,
      Path scratch,
      Map<String, List<Finding>> findings,
      List<String> toolFailures) {
    ComposeCli cli = new ComposeCli(tools.compose());
    for (Subject subject : subjects) {
      String file = ComposeRenderer.COMPOSE_FILE;
      if (subject.output().text(file) == null) {
        continue;
      }
      try {
        List<Finding> found =
            cli.check(
                scratch.resolve(subject.environment()).resolve(file),
                file,
                subject.output().text(ComposeCli.ENV_EXAMPLE),
                scratch);
        add(findings, subject.environment(), found, toolFailures);
      } catch (ToolRun.ToolFailure e) {
        toolFailures.add(e.getMessage());
      }
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
      SynthOutput output = subject.output();
      Path folder = scratch.resolve(subject.environment());
      for (Map.Entry<String, byte[]> file : output.files().entrySet()) {
        Path target = folder.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover scratch folder in the temp folder harms nothing.
    }
  }
}
