package io.stackwright.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.env.EnvironmentException;
import io.stackwright.env.EnvironmentLoader;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.output.Yaml;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.report.ArchitectureDiagram;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.GeneratedConfig;
import io.stackwright.validate.ParityReport;
import io.stackwright.validate.Subject;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationReport;
import io.stackwright.validate.Waiver;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import software.amazon.jsii.JsiiException;

/**
 * Turns environment files into {@code dist/} content, in memory: load every selected environment
 * (reporting every input problem of every file at once), define the stack, render both targets, and
 * pass the output through the {@link ValidationGate}. Nothing is written here; see {@link
 * DistWriter}.
 *
 * @param <P> the record the stack's environment files bind to
 */
public final class Synthesizer<P extends Record> {
  private final StackDefinition<P> definition;
  private final Environments environments;
  private final EnvironmentLoader loader;
  private final Path projectDir;
  private final ValidationGate gate;
  private final Recorder variables;

  /**
   * One environment, rendered in memory or left as {@code dist/} holds it.
   *
   * @param current what the record says of it when it is left as it is, else {@code null}
   * @param file the bytes of its environment file, as loaded; {@code null} when it changed while
   *     being loaded, so that the output is not recorded as made from either version
   * @param inputs the digest of its inputs, for the record
   */
  private record Rendered(
      String environment,
      StackModel stack,
      Object props,
      SynthOutput output,
      UpToDate.Current current,
      byte[] file,
      String inputs) {}

  /**
   * Looks variables up for the environment files, noting each name and value while one file loads:
   * the variables an environment reads are inputs of its output.
   */
  private static final class Recorder implements Function<String, String> {
    private final Function<String, String> lookup;
    private SortedMap<String, String> read;

    Recorder(Function<String, String> lookup) {
      this.lookup = lookup;
    }

    @Override
    public String apply(String name) {
      String value = lookup.apply(name);
      if (read != null) {
        read.put(name, value);
      }
      return value;
    }
  }

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
    this.definition = definition;
    this.projectDir = projectDir;
    this.environments = new Environments(projectDir);
    this.variables = new Recorder(variables);
    this.loader = new EnvironmentLoader(this.variables);
    this.gate = gate;
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
    Map<String, EnvironmentComparison.Column> others = new HashMap<>();
    List<Rendered> rendered = build(names, others, upToDate);
    List<Subject> subjects = new ArrayList<>();
    List<ValidationReport.EnvironmentReport> current = new ArrayList<>();
    for (Rendered r : rendered) {
      if (r.current() != null) {
        current.add(
            new ValidationReport.EnvironmentReport(
                r.environment(),
                display(environments.file(r.environment())),
                List.of(),
                r.current().waived()));
        continue;
      }
      subjects.add(
          new Subject(
              r.environment(),
              display(environments.file(r.environment())),
              r.stack().development(),
              r.stack().externalSecrets(),
              waivers(r.props()),
              r.output(),
              GeneratedConfig.of(r.stack())));
    }
    ValidationReport report = null;
    if (!subjects.isEmpty()) {
      report = gate.check(subjects);
      if (!report.passed()) {
        throw new ValidationException(report);
      }
    }
    if (!current.isEmpty()) {
      UpToDate.Current first =
          rendered.stream()
              .map(Rendered::current)
              .filter(Objects::nonNull)
              .findFirst()
              .orElseThrow();
      report =
          ValidationReport.withUpToDate(
              report, upToDate.mode(), current, first.layers(), first.skipped(), names);
    }
    for (Rendered r : rendered) {
      if (r.current() == null && r.file() != null) {
        upToDate.rendered(r.environment(), r.file(), r.inputs(), r.output(), report);
      }
    }
    Map<String, Rendered> byName = new LinkedHashMap<>();
    rendered.forEach(r -> byName.put(r.environment(), r));
    String comparison = null;
    List<String> notices = new ArrayList<>();
    rendered.forEach(r -> notices.addAll(unscraped(r.stack())));
    try {
      comparison = keepOtherColumns(comparison(byName, others), byName.keySet());
    } catch (EnvironmentException | ValidationException e) {
      // Another environment's file is broken: its own synth reports it. The comparison spans every
      // environment, so it is left as it was rather than written with a column missing or stale.
      notices.add(
          "dist/"
              + EnvironmentComparison.FILE
              + " left as it was: another environment does not build ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); fix it and run the synth of all environments");
    }
    return new Synthesis(
        rendered.stream().map(Rendered::output).toList(),
        report,
        comparison,
        notices,
        rendered.stream().filter(r -> r.current() != null).map(Rendered::environment).toList());
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
    return comparison(Map.of(), Map.of());
  }

  /**
   * The comparison of every environment, reusing the stacks already built and the columns of the
   * other environments already defined.
   */
  private String comparison(
      Map<String, Rendered> built, Map<String, EnvironmentComparison.Column> others)
      throws EnvironmentException, ValidationException {
    List<EnvironmentComparison.Column> columns = new ArrayList<>();
    List<EnvironmentException> problems = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (String name : environments.names()) {
      Rendered r = built.get(name);
      if (r != null) {
        columns.add(new EnvironmentComparison.Column(r.stack(), waivers(r.props())));
        continue;
      }
      try {
        columns.add(others.containsKey(name) ? others.get(name) : column(name));
      } catch (EnvironmentException e) {
        problems.add(e);
      } catch (IllegalArgumentException | IllegalStateException | JsiiException e) {
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
    return build(names, new HashMap<>(), UpToDate.disabled()).stream()
        .map(Rendered::output)
        .toList();
  }

  @SuppressWarnings("unchecked")
  private List<Waiver> waivers(Object props) {
    return definition.waivers((P) props);
  }

  /**
   * Loads, builds and renders the named environments.
   *
   * @param others receives the columns of the other environments, defined for their namespaces
   */
  private List<Rendered> build(
      List<String> names, Map<String, EnvironmentComparison.Column> others, UpToDate upToDate)
      throws EnvironmentException, ValidationException {
    Map<String, P> props = new LinkedHashMap<>();
    Map<String, Long> loadNanos = new LinkedHashMap<>();
    Map<String, byte[]> files = new HashMap<>();
    Map<String, SortedMap<String, String>> read = new HashMap<>();
    List<EnvironmentException> problems = new ArrayList<>();
    for (String name : names) {
      long start = System.nanoTime();
      Path file = environments.file(name);
      byte[] before = readOrNull(file);
      variables.read = new TreeMap<>();
      try {
        props.put(name, load(name));
      } catch (EnvironmentException e) {
        problems.add(e);
      } finally {
        read.put(name, variables.read);
        variables.read = null;
      }
      byte[] after = readOrNull(file);
      if (before != null && Arrays.equals(before, after)) {
        files.put(name, before);
      }
      loadNanos.put(name, System.nanoTime() - start);
    }
    if (!problems.isEmpty()) {
      throw EnvironmentException.combine(problems);
    }
    List<Rendered> outputs = new ArrayList<>();
    // The stack's mistakes, each once with the environments it broke: a wrong route breaks them
    // all.
    Map<String, List<String>> failures = new LinkedHashMap<>();
    List<EnvironmentException> rejected = new ArrayList<>();
    Map<String, String> namespaces = otherNamespaces(names, others);
    for (Map.Entry<String, P> entry : props.entrySet()) {
      String name = entry.getKey();
      long start = System.nanoTime();
      try {
        StackModel stack = define(name, entry.getValue());
        String other = namespaces.putIfAbsent(stack.namespace(), name);
        if (other != null) {
          rejected.add(
              rejectedAt(
                  name,
                  new InvalidPropException(
                      "namespace",
                      "namespace "
                          + stack.namespace()
                          + " is also "
                          + other
                          + "'s; applying one would overwrite the other",
                      "give each environment a namespace of its own")));
          continue;
        }
        byte[] file = files.get(name);
        // A patch is a function whose effect no digest can see: such a stack is always rendered.
        String inputs =
            file == null || !stack.patches().isEmpty()
                ? null
                : upToDate.inputs(name, file, read.get(name), stack, waivers(entry.getValue()));
        UpToDate.Current current =
            inputs == null ? null : upToDate.current(name, inputs).orElse(null);
        SynthOutput output = current != null ? current.output() : render(stack, gate);
        output.recordElapsed(Duration.ofNanos(loadNanos.get(name) + System.nanoTime() - start));
        outputs.add(new Rendered(name, stack, entry.getValue(), output, current, file, inputs));
      } catch (InvalidPropException e) {
        InvalidPropException inFile = inFile(e, entry.getValue());
        if (inFile != null) {
          rejected.add(rejectedAt(name, inFile));
        } else {
          String text = e.getMessage() + (e.hint().isEmpty() ? "" : "; " + e.hint());
          failures.computeIfAbsent(text + where(e), k -> new ArrayList<>()).add(name);
        }
      } catch (IllegalArgumentException | IllegalStateException | JsiiException e) {
        // JsiiException: cdk8s-plus rejected a construct, which is the model's fault, not a bug.
        failures.computeIfAbsent(e.getMessage() + where(e), k -> new ArrayList<>()).add(name);
      }
    }
    if (!rejected.isEmpty()) {
      throw EnvironmentException.combine(rejected);
    }
    if (!failures.isEmpty()) {
      throw new ValidationException(
          failures.entrySet().stream()
              .map(f -> String.join(", ", f.getValue()) + ": " + f.getKey())
              .toList());
    }
    return outputs;
  }

  /**
   * Where in the stack's own code a mistake was made: the first line of its definition's class (or
   * of a class nested in it) on the way to the exception, such as {@code (at TeamStack.java:57)};
   * empty when the stack's code is not on the way (a value of the file).
   */
  private String where(RuntimeException e) {
    String stack = definition.getClass().getName();
    for (StackTraceElement frame : e.getStackTrace()) {
      String type = frame.getClassName();
      if ((type.equals(stack) || type.startsWith(stack + "$"))
          && frame.getFileName() != null
          && frame.getLineNumber() > 0) {
        return " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
      }
    }
    return "";
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

  /**
   * The namespaces of the environments not selected, so that a synth of one environment still
   * refuses a namespace another one uses. An environment that does not load or build is left out:
   * its own synth reports it.
   */
  private Map<String, String> otherNamespaces(
      List<String> selected, Map<String, EnvironmentComparison.Column> columns) {
    Map<String, String> namespaces = new LinkedHashMap<>();
    for (String name : environments.names()) {
      if (selected.contains(name)) {
        continue;
      }
      try {
        EnvironmentComparison.Column column = column(name);
        columns.put(name, column);
        namespaces.putIfAbsent(column.stack().namespace(), name);
      } catch (EnvironmentException | RuntimeException e) {
        // Reported by that environment's own synth.
      }
    }
    return namespaces;
  }

  /** Loads and defines an environment for its comparison column. */
  private EnvironmentComparison.Column column(String name) throws EnvironmentException {
    P props = load(name);
    try {
      return new EnvironmentComparison.Column(define(name, props), waivers(props));
    } catch (InvalidPropException e) {
      InvalidPropException inFile = inFile(e, props);
      if (inFile == null) {
        throw e;
      }
      throw rejectedAt(name, inFile);
    }
  }

  /**
   * A rejection of a value of the environment file, at its key path in the file; {@code null} for
   * one of the stack's code. A value of a props record the file holds ({@link
   * InvalidPropException#owner()}, such as the {@code NginxProps} an edge was made from) is at that
   * record's path, whatever the stack named it ({@code edge.replicas}); any other at its own key,
   * if that is a key of the file.
   */
  private InvalidPropException inFile(InvalidPropException e, P props) {
    InvalidPropException located =
        e.section() != null
            ? PropsPaths.locateMissing(e, props)
            : e.owner() == null ? null : PropsPaths.of(props).locate(e);
    if (located != null) {
      return located;
    }
    return isFileKey(e.key()) ? e : null;
  }

  /**
   * Whether a rejected key path can be a value of the environment file: its first key is a
   * component of the props record. A key of the stack's code (a route table, say) is the code's
   * fault, reported as a failed stack rather than at line 1 of the file.
   */
  private boolean isFileKey(String key) {
    if (key == null) {
      return false;
    }
    String first = key.split("[.\\[]", 2)[0];
    for (RecordComponent component : definition.propsType().getRecordComponents()) {
      if (component.getName().equals(first)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A value of the environment file the stack refused when it was defined (an {@link
   * InvalidPropException} from the model), as a problem at its line in that file: bad input, like
   * every other problem the file has.
   */
  private EnvironmentException rejectedAt(String name, InvalidPropException e) {
    Path file = environments.file(name);
    return EnvironmentLoader.rejected(display(file), readOrNull(file), List.of(e));
  }

  /**
   * Renders one stack model into its {@code dist/<env>/} files.
   *
   * @param stack the checked model of one environment
   * @return the files
   */
  public static SynthOutput render(StackModel stack) {
    return render(stack, null);
  }

  /**
   * Renders one stack model into its {@code dist/<env>/} files, the Compose files first, so that
   * the gate's Compose check runs while the Kubernetes manifests are rendered.
   *
   * @param gate the gate that will check the output, or {@code null}
   * @param stack the checked model of one environment
   * @return the files
   */
  public static SynthOutput render(StackModel stack, ValidationGate gate) {
    Map<String, String> compose = new ComposeRenderer().render(stack);
    if (gate != null) {
      gate.beginComposeCheck(stack.environment(), compose);
    }
    Map<String, List<ObjectNode>> manifests = new KubernetesRenderer().render(stack);
    int objects = manifests.values().stream().mapToInt(List::size).sum();
    // A service's Compose prober is a Compose service too.
    int composeServices =
        stack.services().size()
            + (int) stack.services().stream().filter(s -> s.composeProber() != null).count();
    SynthOutput output = new SynthOutput(stack.environment(), objects, composeServices);
    Map<String, Integer> kinds = new TreeMap<>();
    manifests.values().stream()
        .flatMap(List::stream)
        .forEach(object -> kinds.merge(object.path("kind").asText(), 1, Integer::sum));
    output.recordObjectsByKind(kinds);
    // Written side by side (a large stack has hundreds of files), then added in order.
    List<String> files = List.copyOf(manifests.keySet());
    List<String> texts = files.parallelStream().map(f -> Yaml.writeAll(manifests.get(f))).toList();
    for (int i = 0; i < files.size(); i++) {
      output.add(files.get(i), texts.get(i));
    }
    compose.forEach(output::add);
    output.add(ArchitectureDiagram.FILE, ArchitectureDiagram.markdown(stack));
    // Last: it reads back the files above.
    output.add(ParityReport.FILE, ParityReport.markdown(output));
    return output;
  }

  /**
   * The comparison, with the cells of the environments not synthesized now as {@code dist/} has
   * them: those cells describe what their {@code dist/<env>/} deploys, which this run does not
   * change, whatever its variables or their files now say.
   */
  private String keepOtherColumns(String comparison, Set<String> synthesized) {
    Set<String> others = new TreeSet<>(environments.names());
    others.removeAll(synthesized);
    Path previous = projectDir.resolve("dist").resolve(EnvironmentComparison.FILE);
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

  /**
   * Defines one environment's stack, holding it to the environment it was asked for: the name, and
   * whether it is a developer's, which only {@link StackDefinition#isDevelopment} decides, so that
   * no stack can give a production environment generated, known secrets.
   */
  private StackModel define(String environment, P props) {
    StackModel stack = definition.model(environment, props);
    if (!stack.environment().equals(environment)) {
      throw new IllegalStateException(
          "the stack defined for environment "
              + environment
              + " says it is for "
              + stack.environment()
              + "; pass the environment given to define() to new Stack(...)");
    }
    boolean development = definition.isDevelopment(environment);
    if (stack.development() != development) {
      throw new IllegalStateException(
          "the stack is built as "
              + (stack.development() ? "a development" : "a non-development")
              + " environment, but isDevelopment(\""
              + environment
              + "\") is "
              + development
              + "; pass isDevelopment(environment) to new Stack(...), so that generated development"
              + " secrets never reach another environment");
    }
    return stack;
  }

  private P load(String environment) throws EnvironmentException {
    Path file = environments.file(environment);
    return loader.load(
        file, display(file), definition.propsType(), props -> definition.check(environment, props));
  }

  private static byte[] readOrNull(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** The file's path relative to the project, {@code /}-separated, as problems name it. */
  private String display(Path file) {
    Path base = projectDir.toAbsolutePath().normalize();
    return base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }
}
