package io.stackwright.synth;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.stack.StackDefinition;
import io.stackwright.synth.uptodate.UpToDate;
import io.stackwright.validate.GateCheck;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationReport;
import io.stackwright.validate.Waiver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns environment files into {@code dist/} content, in memory, step by step: load every selected
 * environment, reporting every input problem of every file at once ({@link Loader}); define each
 * stack ({@link Definitions}) and render both targets ({@link Rendering}); pass the output through
 * the {@link ValidationGate} ({@link Validation}); and compare the environments ({@link
 * Comparison}). Nothing is written here; see {@link DistWriter}.
 *
 * <p>What the user got wrong is reported as such: problems of the environment files as {@link
 * EnvironmentException}, mistakes of the stack's code ({@link IllegalArgumentException}) and a
 * failed gate as {@link ValidationException}. Any other exception is a bug, of Stackwright or of
 * the stack's code, and passes unchanged.
 *
 * @param <P> the record the stack's environment files bind to
 */
public final class Synthesizer<P extends Record> {
  private final Environments environments;
  private final Loader<P> loader;
  private final Definitions<P> definitions;
  private final Validation validation;
  private final Comparison comparison;

  /**
   * A synthesizer for one project.
   *
   * @param definition the stack
   * @param projectDir the folder holding {@code environments/}
   * @param variables lookup for {@code ${VAR}} in environment files; {@code null} when undefined
   * @param gate the validation gate every synthesized environment must pass
   */
  public Synthesizer(
      StackDefinition<P> definition,
      Path projectDir,
      Function<String, String> variables,
      ValidationGate gate) {
    this.environments = new Environments(projectDir);
    this.loader = new Loader<>(definition, environments, variables);
    this.definitions = new Definitions<>(definition, environments, loader);
    this.validation = new Validation(gate, environments);
    this.comparison = new Comparison(environments, definitions, projectDir);
  }

  /**
   * A synthesizer whose gate is the policy layer alone ({@link ValidationGate#policyOnly()}), for
   * code that needs no external tool.
   *
   * @param definition the stack
   * @param projectDir the folder holding {@code environments/}
   * @param variables lookup for {@code ${VAR}} in environment files; {@code null} when undefined
   */
  public Synthesizer(
      StackDefinition<P> definition, Path projectDir, Function<String, String> variables) {
    this(definition, projectDir, variables, ValidationGate.policyOnly());
  }

  /** {@return the project's environments} */
  public Environments environments() {
    return environments;
  }

  /**
   * Synthesizes the named environments: loads, builds and renders each, then passes them all
   * through the validation gate.
   *
   * @param names the environments, as {@link Environments#select(String)} gives them
   * @return the outputs, to be written, and the gate's report (layers run, waivers applied)
   * @throws EnvironmentException every problem of every environment file (exit code 2)
   * @throws ValidationException when a stack cannot be built from valid input, or its output fails
   *     the gate (exit code 1)
   */
  public Synthesis synthesize(List<String> names) throws EnvironmentException, ValidationException {
    return synthesize(names, UpToDate.disabled());
  }

  /**
   * Synthesizes the named environments, leaving as {@code dist/} holds it each one whose inputs and
   * files are those the record says passed the gate; the others are rendered and pass through the
   * gate. The record learns of the rendered ones, to be saved once they are written.
   *
   * @param upToDate the record of earlier synths, or {@link UpToDate#disabled()}
   * @param names the environments, as {@link Environments#select(String)} gives them
   * @return the outputs, to be written, and the gate's report
   * @throws EnvironmentException every problem of every environment file (exit code 2)
   * @throws ValidationException when a stack cannot be built from valid input, or its output fails
   *     the gate (exit code 1)
   */
  public Synthesis synthesize(List<String> names, UpToDate upToDate)
      throws EnvironmentException, ValidationException {
    List<Loaded<P>> loaded = loader.loadAll(names);
    Map<String, EnvironmentComparison.Column> others = otherColumns(names);
    List<Rendered> rendered;
    ValidationReport report;
    try (GateCheck check = validation.begin()) {
      rendered = build(loaded, others, upToDate, check);
      report = validation.validate(check, rendered, names, upToDate);
    }
    for (Rendered r : rendered) {
      if (!r.leftAsItIs() && r.file() != null) {
        upToDate.rendered(r.environment(), r.file(), r.inputs(), r.output(), report);
      }
    }
    List<String> notices = new ArrayList<>();
    rendered.forEach(r -> notices.addAll(unscraped(r.stack())));
    Comparison.Made made = comparison.forSynth(rendered, others);
    if (made.notice() != null) {
      notices.add(made.notice());
    }
    return new Synthesis(
        rendered.stream().map(Rendered::output).toList(),
        report,
        made.markdown(),
        notices,
        rendered.stream().filter(Rendered::leftAsItIs).map(Rendered::environment).toList());
  }

  /**
   * {@code dist/ENVIRONMENTS.md} for every environment of the project, made from their models (no
   * rendering, no gate).
   *
   * @return the Markdown
   * @throws EnvironmentException every problem of every environment file
   * @throws ValidationException when a stack cannot be built from valid input
   */
  public String environmentComparison() throws EnvironmentException, ValidationException {
    return comparison.markdown(List.of(), Map.of());
  }

  /**
   * Loads, builds and renders the named environments without the validation gate: for tests of the
   * rendered output itself, such as the {@code dist/} snapshot.
   *
   * @param names the environments
   * @return the output of each, in the order given
   * @throws EnvironmentException every problem of every environment file
   * @throws ValidationException when a stack cannot be built from valid input
   */
  public List<SynthOutput> renderWithoutGate(List<String> names)
      throws EnvironmentException, ValidationException {
    List<Loaded<P>> loaded = loader.loadAll(names);
    return build(loaded, otherColumns(names), UpToDate.disabled(), null).stream()
        .map(Rendered::output)
        .toList();
  }

  /**
   * Renders one stack model into its {@code dist/<env>/} files.
   *
   * @param stack the checked model of one environment
   * @return the files
   */
  public static SynthOutput render(StackModel stack) {
    return Rendering.render(stack, null);
  }

  /**
   * Renders one stack model into its {@code dist/<env>/} files, starting the gate's Compose check
   * on its Compose files as soon as they are rendered, while its Kubernetes manifests render.
   *
   * @param stack the checked model of one environment
   * @param check the gate's check that will then {@link GateCheck#finish finish} with the files
   * @return the files
   */
  public static SynthOutput render(StackModel stack, GateCheck check) {
    return Rendering.render(stack, check);
  }

  /**
   * Defines and renders the loaded environments, or leaves each one the record says is current.
   *
   * @param others the columns of the environments not selected, whose namespaces are taken
   * @param check the gate's check, to start on the Compose files as they are rendered; {@code null}
   *     for none
   * @throws EnvironmentException the values of the files the stack refused
   * @throws ValidationException the mistakes of the stack's code
   */
  private List<Rendered> build(
      List<Loaded<P>> loaded,
      Map<String, EnvironmentComparison.Column> others,
      UpToDate upToDate,
      GateCheck check)
      throws EnvironmentException, ValidationException {
    Mistakes mistakes = new Mistakes();
    Map<String, String> namespaces = new LinkedHashMap<>();
    others.forEach((name, column) -> namespaces.putIfAbsent(column.stack().namespace(), name));
    List<Rendered> rendered = new ArrayList<>();
    for (Loaded<P> environment : loaded) {
      long start = System.nanoTime();
      String name = environment.environment();
      try {
        StackModel stack = definitions.define(name, environment.props());
        String other = namespaces.putIfAbsent(stack.namespace(), name);
        if (other != null) {
          mistakes.rejected(definitions.rejectedAt(name, sharedNamespace(stack, other)));
          continue;
        }
        rendered.add(renderOrLeave(environment, stack, upToDate, check, start));
      } catch (IllegalArgumentException e) {
        definitions.sort(environment, e, mistakes);
      }
    }
    mistakes.throwIfAny();
    return rendered;
  }

  private static InvalidPropException sharedNamespace(StackModel stack, String other) {
    return new InvalidPropException(
        "namespace",
        "namespace "
            + stack.namespace()
            + " is also "
            + other
            + "'s; applying one would overwrite the other",
        "give each environment a namespace of its own");
  }

  /** Renders an environment, unless the record says {@code dist/} holds its output already. */
  private Rendered renderOrLeave(
      Loaded<P> environment, StackModel stack, UpToDate upToDate, GateCheck check, long start) {
    String name = environment.environment();
    List<Waiver> waivers = definitions.waivers(environment.props());
    byte[] file = environment.file();
    // A patch is a function whose effect no digest can see: such a stack is always rendered.
    String inputs =
        file == null || !stack.patches().isEmpty()
            ? null
            : upToDate.inputs(name, file, environment.variables(), stack, waivers);
    UpToDate.Current current = inputs == null ? null : upToDate.current(name, inputs).orElse(null);
    SynthOutput output = current != null ? current.output() : Rendering.render(stack, check);
    output.recordElapsed(Duration.ofNanos(environment.nanos() + System.nanoTime() - start));
    return new Rendered(name, stack, waivers, output, current, file, inputs);
  }

  /**
   * The columns of the environments not selected, defined so that a synth of one environment still
   * refuses a namespace another one uses, and compares them. An environment whose file or stack has
   * a mistake is left out: its own synth reports it. A bug is not a mistake, and passes.
   */
  private Map<String, EnvironmentComparison.Column> otherColumns(List<String> selected) {
    Map<String, EnvironmentComparison.Column> columns = new LinkedHashMap<>();
    for (String name : environments.names()) {
      if (selected.contains(name)) {
        continue;
      }
      try {
        columns.put(name, definitions.column(name));
      } catch (EnvironmentException | IllegalArgumentException e) {
        // Reported by that environment's own synth.
      }
    }
    return columns;
  }

  /**
   * A notice for each service whose metrics nothing may scrape: the stack has no Prometheus of its
   * own, and the environment names no Prometheus of the cluster that the network policies should
   * admit, so the metrics are declared and then silently never read.
   */
  private static List<String> unscraped(StackModel stack) {
    if (stack.metricsScraper() != null || stack.network().prometheus() != null) {
      return List.of();
    }
    return stack.metricsServices().stream()
        .filter(ServiceModel::kubernetes)
        .map(
            service ->
                stack.environment()
                    + ": "
                    + service.name()
                    + " serves metrics at "
                    + service.metrics().path()
                    + ", but nothing may scrape them: the stack has no Prometheus, and the"
                    + " environment names none of the cluster's; set cluster.prometheus.namespace"
                    + " (and podLabels) so that the network policy admits it, or add a Prometheus")
        .toList();
  }
}
