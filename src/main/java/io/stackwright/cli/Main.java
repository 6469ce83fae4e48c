package io.stackwright.cli;

import io.stackwright.env.EnvironmentException;
import io.stackwright.output.Cdk8sCliOutput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.render.k8s.JsiiKernel;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.stack.ShopStack;
import io.stackwright.synth.Environments;
import io.stackwright.synth.Synthesis;
import io.stackwright.synth.Synthesizer;
import io.stackwright.synth.ValidationException;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The command line: {@code stackwright synth --env <name|all>}, run by {@code mvn -q compile
 * exec:java -Denv=<name|all>}.
 *
 * <p>Exit codes: {@value #OK} success, {@value #VALIDATION_FAILED} the stack failed a check or
 * could not be written (nothing changed), {@value #BAD_INPUT} bad input or usage (nothing changed).
 * Results go to standard output, one line per environment; problems go to standard error.
 */
@Command(
    name = "stackwright",
    mixinStandardHelpOptions = true,
    subcommands = {Main.Synth.class},
    description = "Synthesizes Kubernetes manifests and Compose files into dist/<env>/.")
public final class Main {
  /** Success. */
  public static final int OK = 0;

  /** The stack failed a check, or writing failed; nothing was changed. */
  public static final int VALIDATION_FAILED = 1;

  /** Bad input or usage; nothing was changed. */
  public static final int BAD_INPUT = 2;

  private final Function<String, String> variables;

  private Main(Function<String, String> variables) {
    this.variables = variables;
  }

  /** Runs the command line with the process's environment variables and exits with its code. */
  public static void main(String[] args) {
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = run(args, new PrintWriter(System.out, true), err, System::getenv);
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
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, Function<String, String> variables) {
    String[] cleaned = withoutNulls(args);
    CommandLine cli = new CommandLine(new Main(variables));
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("stackwright: internal error, please report it: " + e);
          e.printStackTrace(err);
          return VALIDATION_FAILED;
        });
    return cli.execute(cleaned);
  }

  /** {@code synth}: writes {@code dist/<env>/} for one environment or all of them. */
  @Command(name = "synth", description = "Synthesizes dist/<env>/ for one environment, or all.")
  static final class Synth implements Callable<Integer> {
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

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      // Node.js and the cdk8s modules start while the environment files are read and checked.
      JsiiKernel.startInBackground();
      JsiiLeftovers.sweep(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
      Path dist = projectDir.resolve("dist");
      try {
        // First, so that dist/ is whole even if this synth then stops at bad input.
        new DistWriter(dist).recover();
      } catch (IOException e) {
        err.println(
            "stackwright: cannot repair dist/ after an interrupted synth: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      ValidationMode mode;
      try {
        mode = ValidationMode.parse(validate);
      } catch (IllegalArgumentException e) {
        err.println("stackwright: " + e.getMessage());
        return BAD_INPUT;
      }
      Tools tools = Tools.locate(projectDir, System::getProperty, main.variables);
      Synthesizer<?> synthesizer =
          new Synthesizer<>(
              new ShopStack(), projectDir, main.variables, new ValidationGate(tools, mode));
      List<String> names;
      try {
        names = synthesizer.environments().select(env);
      } catch (IllegalArgumentException e) {
        err.println("stackwright: " + e.getMessage());
        return BAD_INPUT;
      }
      Synthesis synthesis;
      try {
        synthesis = synthesizer.synthesize(names);
      } catch (EnvironmentException e) {
        err.println(e.getMessage());
        err.println(
            "stackwright: "
                + e.problems().size()
                + " problem(s) in environment files; nothing was written.");
        return BAD_INPUT;
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
        return VALIDATION_FAILED;
      }
      ValidationReport report = synthesis.report();
      report.skipNotices().forEach(notice -> err.println("stackwright: " + notice));
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
      // A synth of every environment also removes the folders of environments that are gone; only
      // folders that hold our output, so nothing a user put in dist/ by hand is lost.
      Predicate<String> isStale =
          env.equals("all")
              ? name ->
                  Environments.isValidName(name)
                      && Files.isRegularFile(
                          dist.resolve(name).resolve(KubernetesRenderer.NAMESPACE_FILE))
              : name -> false;
      Map<String, DistWriter.Result> results;
      try {
        results = new DistWriter(dist).write(outputs, isStale);
      } catch (IOException e) {
        err.println("stackwright: cannot write dist/, left as it was: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      for (SynthOutput output : outputs) {
        out.println(summary(output, results.get(output.environment()), report));
      }
      report.waiverLines().forEach(out::println);
      out.println("validation took " + report.timings() + " for all environments");
      results.forEach(
          (name, result) -> {
            if (result == DistWriter.Result.REMOVED) {
              out.println(name + ": removed dist/" + name + " (no environments/" + name + ".yaml)");
            }
          });
      return OK;
    }

    private static String summary(
        SynthOutput output, DistWriter.Result result, ValidationReport report) {
      return String.format(
          Locale.ROOT,
          "%s: %s dist/%s: %d Kubernetes objects, %d Compose services, %d files; checks: model,"
              + " %s; %.2f s",
          output.environment(),
          result == DistWriter.Result.WRITTEN ? "wrote" : "unchanged",
          output.environment(),
          output.kubernetesObjects(),
          output.composeServices(),
          output.files().size(),
          report.layersRan(),
          output.elapsed().toNanos() / 1e9);
    }
  }
}
