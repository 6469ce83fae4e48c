package io.stackwright.synth;

import io.stackwright.env.EnvironmentException;
import io.stackwright.output.DistInput;
import io.stackwright.report.EnvironmentComparison;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code dist/ENVIRONMENTS.md}: the comparison of every environment of the project, made from their
 * models, reusing the stacks a synth built and the columns it defined for the others.
 */
final class Comparison {
  private final Environments environments;
  private final Definitions<?> definitions;
  private final Path previous;

  /**
   * The comparison a synth made, or why it left the one in {@code dist/} as it was.
   *
   * @param markdown the new comparison, or {@code null} when it is left as it was
   * @param notice why it is left as it was, or {@code null}
   */
  record Made(String markdown, String notice) {}

  Comparison(Environments environments, Definitions<?> definitions, Path projectDir) {
    this.environments = environments;
    this.definitions = definitions;
    this.previous = projectDir.resolve("dist").resolve(EnvironmentComparison.FILE);
  }

  /**
   * The comparison for a synth of {@code rendered}. When another environment's file is broken, its
   * own synth reports it; the comparison spans every environment, so it is left as it was rather
   * than written with a column missing or stale.
   */
  Made forSynth(List<Rendered> rendered, Map<String, EnvironmentComparison.Column> others) {
    try {
      return new Made(keepOtherColumns(markdown(rendered, others), names(rendered)), null);
    } catch (EnvironmentException | ValidationException e) {
      return new Made(
          null,
          "dist/"
              + EnvironmentComparison.FILE
              + " left as it was: another environment does not build ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); fix it and run the synth of all environments");
    }
  }

  /**
   * The comparison of every environment.
   *
   * @param built the environments already built
   * @param others the columns of other environments already defined
   * @throws EnvironmentException every problem of every environment file
   * @throws ValidationException when a stack cannot be built from valid input
   */
  String markdown(List<Rendered> built, Map<String, EnvironmentComparison.Column> others)
      throws EnvironmentException, ValidationException {
    List<EnvironmentComparison.Column> columns = new ArrayList<>();
    List<EnvironmentException> problems = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    Map<String, Rendered> byName = new HashMap<>();
    built.forEach(r -> byName.put(r.environment(), r));
    for (String name : environments.names()) {
      try {
        columns.add(column(name, byName.get(name), others.get(name)));
      } catch (EnvironmentException e) {
        problems.add(e);
      } catch (IllegalArgumentException e) {
        failures.add(name + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw EnvironmentException.combine(problems);
    }
    if (!failures.isEmpty()) {
      throw new ValidationException(failures);
    }
    return EnvironmentComparison.markdown(columns);
  }

  /**
   * An environment's column: from its stack built now, else as defined already, else defined now.
   */
  private EnvironmentComparison.Column column(
      String name, Rendered built, EnvironmentComparison.Column defined)
      throws EnvironmentException {
    if (built != null) {
      return new EnvironmentComparison.Column(built.stack(), built.waivers());
    }
    return defined != null ? defined : definitions.column(name);
  }

  private static Set<String> names(List<Rendered> rendered) {
    Set<String> names = new TreeSet<>();
    rendered.forEach(r -> names.add(r.environment()));
    return names;
  }

  /**
   * The comparison, with the cells of the environments not synthesized now as {@code dist/} has
   * them: those cells describe what their {@code dist/<env>/} deploys, which this run does not
   * change, whatever its variables or their files now say.
   */
  private String keepOtherColumns(String comparison, Set<String> synthesized) {
    Set<String> others = new TreeSet<>(environments.names());
    others.removeAll(synthesized);
    if (others.isEmpty()) {
      return comparison;
    }
    try {
      byte[] bytes = DistInput.readFile(previous);
      return bytes == null
          ? comparison
          : EnvironmentComparison.keepColumns(
              comparison,
              StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString(),
              others);
    } catch (IOException e) {
      // Unreadable, a link (which the writer then refuses), or not UTF-8: the comparison made now
      // replaces it whole.
      return comparison;
    }
  }
}
