package io.stackwright.run;

import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Predicate;

/** What a synth does to {@code dist/} besides the environments it writes; a diff shows the same. */
final class DistPlan {
  private DistPlan() {}

  /**
   * Which folders of {@code dist/} a synth removes besides those it writes: for a synth of every
   * environment, the folders of environments that are gone; only folders that hold our output, so
   * nothing a user put in {@code dist/} by hand is lost. A diff shows the same folders as removed.
   */
  static Predicate<String> isStale(Options options) {
    Path dist = options.dist();
    return options.env().equals("all")
        ? name ->
            Environments.isValidName(name)
                && Files.isRegularFile(
                    dist.resolve(name).resolve(KubernetesRenderer.NAMESPACE_FILE),
                    LinkOption.NOFOLLOW_LINKS)
        : name -> false;
  }

  /** The files at the top of {@code dist/} a synthesis writes, by name. */
  static Map<String, byte[]> rootFiles(Synthesis synthesis) {
    return synthesis.environmentComparison() == null
        ? Map.of()
        : Map.of(
            EnvironmentComparison.FILE,
            synthesis.environmentComparison().getBytes(StandardCharsets.UTF_8));
  }
}
