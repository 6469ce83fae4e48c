package io.stackwright.cli;

import io.stackwright.env.EnvironmentException;
import io.stackwright.output.Cdk8sCliOutput;
import io.stackwright.output.DistDiff;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.ObjectDiff;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.k8s.JsiiKernel;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.shop.ShopStack;
import io.stackwright.stack.StackDefinition;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesis;
import io.stackwright.synth.Synthesizer;
import io.stackwright.synth.UpToDate;
import io.stackwright.synth.ValidationException;
import io.stackwright.text.Printable;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The command line: {@code stackwright synth --env <name|all>}, run by {@code mvn -q compile
 * exec:java -Denv=<name|all>}, and {@code stackwright diff --env <name|all>} ({@code -Dcmd=diff}),
 * which shows what a synth would change in {@code dist/} and writes nothing.
 *
 * <p>Exit codes: {@value #OK} success, {@value #VALIDATION_FAILED} the stack failed a check or
 * could not be written (nothing changed), {@value #BAD_INPUT} bad input or usage (nothing changed).
 * Results go to standard output, one line per environment; problems go to standard error.
 */
@Command(
    name = "stackwright",
    mixinStandardHelpOptions = true,
    // Every command takes --help (and --version), which the usage error's hint points to.
    scope = CommandLine.ScopeType.INHERIT,
    subcommands = {Main.Synth.class, Main.Diff.class, Init.class, InstallValidators.class},
    description = "Synthesizes Kubernetes manifests and Compose files into dist/<env>/.")
public final class Main {
  /** Success. */
  public static final int OK = 0;

  /** The stack failed a check, or writing failed; nothing was changed. */
  public static final int VALIDATION_FAILED = 1;

  /** Bad input or usage; nothing was changed. */
  public static final int BAD_INPUT = 2;

  private final StackDefinition<?> definition;
  private final Function<String, String> variables;

  private Main(StackDefinition<?> definition, Function<String, String> variables) {
    this.definition = definition;
    this.variables = variables;
  }

  /**
   * Runs the command line for the flagship {@link ShopStack} with the process's environment
   * variables, and exits with its code.
   *
   * @param args the command line, such as {@code synth --env all}
   */
  public static void main(String[] args) {
    main(new ShopStack(), args);
  }

  /**
   * Runs the command line for a stack of one's own, with the process's environment variables, and
   * exits with its code: the {@code main} of a project that defines its own stack calls this.
   *
   * @param definition the stack
   * @param args the arguments, such as {@code synth --env all}
   */
  public static void main(StackDefinition<?> definition, String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = run(definition, args, new PrintWriter(System.out, true), err, System::getenv);
    } catch (Throwable e) {
      err.println("stackwright: internal error, please report it: " + e);
      e.printStackTrace(err);
      code = VALIDATION_FAILED;
    }
    // The jsii runtime keeps non-daemon threads for its Node.js child; exiting ends them.
    System.exit(code);
  }

  /** exec-maven-plugin passes an empty {@code -Denv=} as a null argument: make it an empty one. */
  private static String[] withoutNulls(String[] args) {
    return Arrays.stream(args).map(a -> Objects.requireNonNullElse(a, "")).toArray(String[]::new);
  }

  /**
   * Runs the command line and returns the exit code.
   *
   * @param args the arguments
   * @param out where results go
   * @param err where problems go
   * @param variables lookup for {@code ${VAR}} in environment files; {@code null} when unset
   * @return the exit code, one of those listed on {@link Main}
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Function<String, String> variables) {
    return run(new ShopStack(), args, out, err, variables);
  }

  /**
   * Runs the command line for a stack and returns the exit code.
   *
   * @param definition the stack
   * @param args the arguments
   * @param out where results go
   * @param err where problems go
   * @param variables lookup for {@code ${VAR}} in environment files; {@code null} when unset
   * @return the exit code, one of those listed on {@link Main}
   */
  public static int run(
      StackDefinition<?> definition,
      String[] args,
      PrintWriter out,
      PrintWriter err,
      Function<String, String> variables) {
    String[] cleaned = withoutNulls(args);
    PrintWriter safeOut = new PrintWriter(new PrintableWriter(out), true);
    PrintWriter safeErr = new PrintWriter(new PrintableWriter(err), true);
    CommandLine cli = new CommandLine(new Main(definition, variables));
    cli.setOut(safeOut);
    cli.setErr(safeErr);
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          // Picocli quotes the argument as given: a newline in it would forge a line of output.
          safeErr.println("stackwright: " + Printable.line(String.valueOf(e.getMessage())));
          safeErr.println("stackwright: run with --help to see the commands and their options");
          return BAD_INPUT;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          safeErr.println("stackwright: internal error, please report it: " + e);
          e.printStackTrace(safeErr);
          return VALIDATION_FAILED;
        });
    try {
      return cli.execute(cleaned);
    } finally {
      safeOut.flush();
      safeErr.flush();
    }
  }

  /** The options and the synthesis both commands share. */
  abstract static class EnvCommand implements Callable<Integer> {
    @ParentCommand Main main;

    @Option(
        names = "--env",
        required = true,
        description = "An environment name (a file environments/<name>.yaml), or all.")
    String env;

    @Option(
        names = "--project-dir",
        defaultValue = ".",
        description = "The folder holding environments/ and dist/. Default: the current folder.")
    Path projectDir;

    @Option(
        names = "--validate",
        defaultValue = "auto",
        description =
            "auto: run every validation layer whose tool is found, and say which were skipped;"
                + " strict: a missing tool fails the synth. Default: auto.")
    String validate;

    @Option(
        names = "--rebuild",
        arity = "0..1",
        fallbackValue = "true",
        defaultValue = "false",
        description =
            "synth: render and check every selected environment, even one whose inputs did not"
                + " change since its dist/<env>/ was written (diff always does). Default: false.")
    boolean rebuild;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** The validation mode given; set by {@link #synthesize}. */
    ValidationMode mode;

    /** The record of what earlier synths made each environment from; set by {@link #synthesize}. */
    UpToDate upToDate = UpToDate.disabled();

    /** Whether this command may leave an environment whose inputs did not change as it is. */
    boolean usesRecord() {
      return false;
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    Path dist() {
      return projectDir.resolve("dist");
    }

    /**
     * Loads, renders and validates the selected environments in memory, printing any problem.
     *
     * @param exit receives the exit code when this returns {@code null}
     * @return the synthesis, or {@code null} when it failed
     */
    Synthesis synthesize(int[] exit) {
      PrintWriter err = err();
      TempLeftovers.sweep(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
      try {
        mode = ValidationMode.parse(validate);
      } catch (IllegalArgumentException e) {
        err.println("stackwright: " + e.getMessage());
        exit[0] = BAD_INPUT;
        return null;
      }
      Tools tools = Tools.locate(projectDir, System::getProperty, main.variables);
      Synthesizer<?> synthesizer =
          new Synthesizer<>(
              main.definition, projectDir, main.variables, new ValidationGate(tools, mode));
      List<String> names;
      try {
        names = synthesizer.environments().select(env);
      } catch (IllegalArgumentException e) {
        err.println("stackwright: " + e.getMessage());
        exit[0] = BAD_INPUT;
        return null;
      }
      if (usesRecord()) {
        upToDate =
            UpToDate.load(
                projectDir,
                dist(),
                mode,
                tools,
                main.definition.getClass().getClassLoader(),
                System.getenv());
      }
      // Node.js and the cdk8s modules start now, once the command line is known to be good, while
      // the environment files are read and checked; unless every environment looks up to date,
      // when they may not be needed at all (without the record, none does).
      if (!names.stream()
          .allMatch(n -> upToDate.mayBeCurrent(n, synthesizer.environments().file(n)))) {
        JsiiKernel.startInBackground();
      }
      try {
        return synthesizer.synthesize(names, upToDate);
      } catch (EnvironmentException e) {
        err.println(e.getMessage());
        err.println(
            "stackwright: "
                + e.problems().size()
                + " problem(s) in environment files; nothing was written.");
        exit[0] = BAD_INPUT;
      } catch (ValidationException e) {
        if (e.report() == null) {
          e.failures().forEach(f -> err.println("stackwright: " + f));
        } else {
          if (mode == ValidationMode.AUTO) {
            e.report().skipNotices().forEach(notice -> err.println("stackwright: " + notice));
          }
          err.println("stackwright: the validation gate found problems:");
          e.failures().forEach(err::println);
        }
        err.println("stackwright: validation failed; nothing was written.");
        exit[0] = VALIDATION_FAILED;
      } catch (JsiiKernel.Unavailable e) {
        err.println("stackwright: " + e.getMessage() + "; nothing was written.");
        exit[0] = VALIDATION_FAILED;
      }
      return null;
    }

    /**
     * Which folders of {@code dist/} a synth removes besides those it writes: for a synth of every
     * environment, the folders of environments that are gone; only folders that hold our output, so
     * nothing a user put in {@code dist/} by hand is lost. A diff shows the same folders as
     * removed.
     */
    Predicate<String> isStale() {
      Path dist = dist();
      return env.equals("all")
          ? name ->
              Environments.isValidName(name)
                  && Files.isRegularFile(
                      dist.resolve(name).resolve(KubernetesRenderer.NAMESPACE_FILE),
                      LinkOption.NOFOLLOW_LINKS)
          : name -> false;
    }

    /** The files at the top of {@code dist/} this synthesis writes, by name. */
    static Map<String, byte[]> rootFiles(Synthesis synthesis) {
      return synthesis.environmentComparison() == null
          ? Map.of()
          : Map.of(
              EnvironmentComparison.FILE,
              synthesis.environmentComparison().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code synth}: writes {@code dist/<env>/} for one environment or all of them. */
  @Command(name = "synth", description = "Synthesizes dist/<env>/ for one environment, or all.")
  static final class Synth extends EnvCommand {
    @Override
    boolean usesRecord() {
      return !rebuild;
    }

    @Override
    public Integer call() {
      PrintWriter out = out();
      PrintWriter err = err();
      Path dist = dist();
      try {
        // First, so that dist/ is whole even if this synth then stops at bad input.
        for (String repaired : new DistWriter(dist).recover()) {
          err.println("stackwright: " + repaired);
        }
      } catch (DistInput.UntrustedException e) {
        err.println("stackwright: " + e.getMessage());
        return BAD_INPUT;
      } catch (IOException e) {
        err.println("stackwright: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      int[] exit = {OK};
      Synthesis synthesis = synthesize(exit);
      if (synthesis == null) {
        return exit[0];
      }
      ValidationReport report = synthesis.report();
      report.skipNotices().forEach(notice -> err.println("stackwright: " + notice));
      synthesis.notices().forEach(notice -> err.println("stackwright: " + notice));
      List<SynthOutput> outputs = synthesis.outputs();
      // Before dist/ is touched, so that a failure here leaves it as it was.
      String cdk8sOut = main.variables.apply(Cdk8sCliOutput.VARIABLE);
      if (cdk8sOut != null && !cdk8sOut.isBlank()) {
        try {
          Cdk8sCliOutput.write(Path.of(cdk8sOut), outputs);
        } catch (IOException e) {
          err.println("stackwright: cannot write " + cdk8sOut + " for cdk8s: " + e.getMessage());
          return VALIDATION_FAILED;
        }
      }
      Predicate<String> isStale = isStale();
      Map<String, Integer> changedFiles = new LinkedHashMap<>();
      DistWriter.Written written;
      try {
        for (SynthOutput output : outputs) {
          Path folder = dist.resolve(output.environment());
          // A file whose mode alone is wrong is rewritten too, and counted as written.
          Set<String> changed = new TreeSet<>(DistInput.wrongModes(folder).keySet());
          changed.remove("");
          changed.addAll(DistDiff.changedPaths(output, folder));
          changedFiles.put(output.environment(), changed.size());
        }
        written = new DistWriter(dist).write(outputs, rootFiles(synthesis), isStale);
      } catch (DistInput.UntrustedException e) {
        err.println("stackwright: " + e.getMessage() + "; nothing was written.");
        return BAD_INPUT;
      } catch (IOException e) {
        err.println("stackwright: cannot write dist/, left as it was: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      if (written.leftover() != null) {
        err.println(
            "stackwright: wrote dist/, but could not finish cleaning up ("
                + written.leftover()
                + "); the next synth finishes it");
      }
      Map<String, DistWriter.Result> results = written.results();
      String unrecorded = upToDate.save();
      if (unrecorded != null) {
        err.println("stackwright: " + unrecorded);
      }
      for (SynthOutput output : outputs) {
        out.println(
            summary(
                output,
                results.get(output.environment()),
                changedFiles.get(output.environment()),
                report,
                synthesis.upToDate().contains(output.environment())));
      }
      DistWriter.Result comparison = results.get(EnvironmentComparison.FILE);
      if (comparison != null) {
        out.println(
            (comparison == DistWriter.Result.WRITTEN ? "wrote" : "unchanged")
                + " dist/"
                + EnvironmentComparison.FILE);
      }
      report.waiverLines().forEach(out::println);
      if (synthesis.upToDate().size() < outputs.size()) {
        out.println("validation took " + report.timings() + " for all environments");
      }
      if (!synthesis.upToDate().isEmpty()) {
        out.println(
            "up to date: "
                + String.join(", ", synthesis.upToDate())
                + " (inputs and dist/ unchanged since they passed every check; --rebuild, or"
                + " -Drebuild with Maven, renders and checks them again)");
      }
      results.forEach(
          (name, result) -> {
            if (result == DistWriter.Result.REMOVED) {
              out.println(name + ": removed dist/" + name + " (no environments/" + name + ".yaml)");
            }
          });
      return OK;
    }

    private static String summary(
        SynthOutput output,
        DistWriter.Result result,
        int changed,
        ValidationReport report,
        boolean upToDate) {
      String kinds =
          output.objectsByKind().entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(Collectors.joining(", "));
      return String.format(
          Locale.ROOT,
          "%s: %s dist/%s: %d files, %d written; %d Kubernetes objects (%s), %d Compose services;"
              + " checks: model, %s%s; %.2f s",
          output.environment(),
          // An environment left as it is still has a file whose mode alone was wrong rewritten:
          // say so as a full synth would.
          result == DistWriter.Result.WRITTEN ? "wrote" : upToDate ? "up to date" : "unchanged",
          output.environment(),
          output.files().size(),
          result == DistWriter.Result.WRITTEN ? changed : 0,
          output.kubernetesObjects(),
          kinds,
          output.composeServices(),
          report.layersRan(),
          upToDate ? " (passed with these inputs, not run again)" : "",
          output.elapsed().toNanos() / 1e9);
    }
  }

  /**
   * {@code diff}: what a synth would change in {@code dist/}, as unified diffs by file and object,
   * with secret-looking values masked, including the folders a synth of {@code all} removes and
   * files whose mode alone a synth corrects. Writes nothing, not even the repair of an interrupted
   * synth: it refuses such a {@code dist/} with {@value Main#BAD_INPUT}. Exit code {@value Main#OK}
   * when nothing would change, {@value Main#VALIDATION_FAILED} when something would (or a check
   * fails), like {@code git diff --exit-code}.
   */
  @Command(
      name = "diff",
      description = "Shows what a synth would change in dist/, and writes nothing.")
  static final class Diff extends EnvCommand {
    @Override
    public Integer call() {
      PrintWriter out = out();
      PrintWriter err = err();
      Path dist = dist();
      DistWriter writer = new DistWriter(dist);
      try {
        // A diff writes nothing, so it cannot repair what an interrupted synth left; what it would
        // read may be half old, half new.
        if (writer.needsRecovery()) {
          err.println(
              "stackwright: dist/ holds an unfinished synth (it was interrupted), so there is"
                  + " nothing whole to compare with; run mvn -q compile exec:java -Denv="
                  + Printable.line(env)
                  + ", which repairs dist/ first, or restore dist/ from version control;"
                  + " nothing was written");
          return BAD_INPUT;
        }
      } catch (DistInput.UntrustedException e) {
        err.println("stackwright: " + e.getMessage());
        return BAD_INPUT;
      } catch (IOException e) {
        err.println("stackwright: cannot read dist/: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      int[] exit = {OK};
      Synthesis synthesis = synthesize(exit);
      if (synthesis == null) {
        return exit[0];
      }
      synthesis.report().skipNotices().forEach(notice -> err.println("stackwright: " + notice));
      synthesis.notices().forEach(notice -> err.println("stackwright: " + notice));
      List<ObjectDiff.FileChange> all = new ArrayList<>();
      List<String> summaries = new ArrayList<>();
      try {
        for (SynthOutput output : synthesis.outputs()) {
          String name = output.environment();
          List<ObjectDiff.FileChange> changes =
              withModes(
                  "dist/" + name + "/",
                  dist.resolve(name),
                  ObjectDiff.compare(
                      "dist/" + name + "/",
                      DistInput.read(dist.resolve(name)),
                      DistWriter.asComparable(output.files())));
          all.addAll(changes);
          summaries.add(name + ": " + counts(changes));
        }
        List<String> written = synthesis.outputs().stream().map(SynthOutput::environment).toList();
        for (String name : writer.staleFolders(written, isStale())) {
          List<ObjectDiff.FileChange> changes =
              ObjectDiff.compare(
                  "dist/" + name + "/", DistInput.read(dist.resolve(name)), new TreeMap<>());
          all.addAll(changes);
          summaries.add(
              name
                  + ": "
                  + counts(changes)
                  + "; a synth removes dist/"
                  + name
                  + " (no environments/"
                  + name
                  + ".yaml)");
        }
        for (Map.Entry<String, byte[]> file : rootFiles(synthesis).entrySet()) {
          Path path = dist.resolve(file.getKey());
          SortedMap<String, DistWriter.Bytes> before = new TreeMap<>();
          byte[] previous = DistInput.readFile(path);
          if (previous != null) {
            before.put(file.getKey(), new DistWriter.Bytes(previous));
          }
          SortedMap<String, DistWriter.Bytes> after = new TreeMap<>();
          after.put(file.getKey(), new DistWriter.Bytes(file.getValue()));
          List<ObjectDiff.FileChange> changes =
              withModes("dist/" + file.getKey(), path, ObjectDiff.compare("dist/", before, after));
          all.addAll(changes);
          changes.forEach(c -> summaries.add(c.path() + ": " + word(c.change())));
        }
      } catch (DistInput.UntrustedException e) {
        err.println("stackwright: " + e.getMessage());
        return BAD_INPUT;
      } catch (IOException e) {
        err.println("stackwright: cannot read dist/: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      for (ObjectDiff.FileChange file : all) {
        out.println("=== " + file.path() + " (" + word(file.change()) + ")");
        for (ObjectDiff.ObjectChange object : file.objects()) {
          if (!object.object().isEmpty()) {
            out.println("--- " + object.object() + " (" + word(object.change()) + ")");
          }
          out.print(object.diff());
        }
        out.println();
      }
      summaries.forEach(out::println);
      if (!synthesis.outputs().isEmpty()) {
        out.println(
            "diff: an object is a Kubernetes object, or a Compose service, network, volume,"
                + " config or secret; other changes count only as files");
      }
      out.println(
          all.isEmpty()
              ? "diff: dist/ is up to date; a synth would change nothing"
              : "diff: a synth would change "
                  + all.size()
                  + " file(s); run mvn -q compile exec:java -Denv="
                  + env
                  + " to write them");
      return all.isEmpty() ? OK : VALIDATION_FAILED;
    }

    /**
     * {@code changes} with every file or folder under {@code path} whose mode alone is wrong: a
     * synth rewrites it, so a diff that left it out would say nothing changes where a synth writes.
     *
     * @param shown how {@code path} is shown: {@code dist/prod/} for a folder, {@code
     *     dist/ENVIRONMENTS.md} for a file
     */
    private static List<ObjectDiff.FileChange> withModes(
        String shown, Path path, List<ObjectDiff.FileChange> changes) throws IOException {
      List<ObjectDiff.FileChange> result = new ArrayList<>(changes);
      Set<String> listed = new TreeSet<>();
      changes.forEach(c -> listed.add(c.path()));
      for (Map.Entry<String, String> wrong : DistInput.wrongModes(path).entrySet()) {
        String file = wrong.getKey().isEmpty() ? shown : shown + wrong.getKey();
        if (listed.contains(file)) {
          continue;
        }
        String diff =
            "(only the mode differs: "
                + wrong.getValue()
                + "; a synth sets "
                + DistWriter.modeOf(
                    Files.isDirectory(path.resolve(wrong.getKey()), LinkOption.NOFOLLOW_LINKS))
                + ")\n";
        result.add(
            new ObjectDiff.FileChange(
                file,
                ObjectDiff.Change.CHANGED,
                List.of(new ObjectDiff.ObjectChange("", ObjectDiff.Change.CHANGED, diff))));
      }
      result.sort(Comparator.comparing(ObjectDiff.FileChange::path));
      return result;
    }

    private static String counts(List<ObjectDiff.FileChange> changes) {
      int added = 0;
      int removed = 0;
      int changed = 0;
      for (ObjectDiff.FileChange file : changes) {
        for (ObjectDiff.ObjectChange object : file.objects()) {
          // A section of a Compose file (its name, its list of services) is not an object.
          if (object.object().isEmpty() || object.object().startsWith("compose/")) {
            continue;
          }
          switch (object.change()) {
            case ADDED -> added++;
            case REMOVED -> removed++;
            case CHANGED -> changed++;
          }
        }
      }
      return String.format(
          Locale.ROOT,
          "%d objects added, %d removed, %d changed, in %d file(s)",
          added,
          removed,
          changed,
          changes.size());
    }

    private static String word(ObjectDiff.Change change) {
      return change.name().toLowerCase(Locale.ROOT);
    }
  }
}
