package io.stackwright.cli;

import io.stackwright.env.EnvironmentException;
import io.stackwright.output.Cdk8sCliOutput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.stack.ShopStack;
import io.stackwright.synth.Synthesizer;
import io.stackwright.synth.ValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code stackwright synth --env <name|all>}, run by {@code mvn -q compile
 * exec:java -Denv=<name|all>}.
 *
 * <p>Exit codes: {@value #OK} success, {@value #VALIDATION_FAILED} the stack failed a check
 * (nothing written), {@value #BAD_INPUT} bad input or usage (nothing written). Results go to
 * standard output, one line per environment; problems go to standard error.
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

  private Main() {}

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    // The jsii runtime keeps non-daemon threads for its Node.js child; exiting ends them.
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line, writing to {@code out} and {@code err}, and returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          err.println("stackwright: internal error, please report it: " + e);
          e.printStackTrace(err);
          return VALIDATION_FAILED;
        });
    return cli.execute(args);
  }

  /** {@code synth}: writes {@code dist/<env>/} for one environment or all of them. */
  @Command(name = "synth", description = "Synthesizes dist/<env>/ for one environment, or all.")
  static final class Synth implements Callable<Integer> {
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

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      long start = System.nanoTime();
      Synthesizer<?> synthesizer = new Synthesizer<>(new ShopStack(), projectDir, System::getenv);
      List<String> names;
      try {
        names = synthesizer.environments().select(env);
      } catch (IllegalArgumentException e) {
        err.println("stackwright: " + e.getMessage());
        return BAD_INPUT;
      }
      List<SynthOutput> outputs;
      try {
        outputs = synthesizer.synthesize(names);
      } catch (EnvironmentException e) {
        err.println(e.getMessage());
        err.println(
            "stackwright: "
                + e.problems().size()
                + " problem(s) in environment files; nothing"
                + " was written.");
        return BAD_INPUT;
      } catch (ValidationException e) {
        e.failures().forEach(f -> err.println("stackwright: " + f));
        err.println("stackwright: validation failed; nothing was written.");
        return VALIDATION_FAILED;
      }
      Map<String, DistWriter.Result> results;
      try {
        results = new DistWriter(projectDir.resolve("dist")).write(outputs);
      } catch (IOException e) {
        err.println("stackwright: cannot write dist/: " + e.getMessage());
        return VALIDATION_FAILED;
      }
      String cdk8sOut = System.getenv(Cdk8sCliOutput.VARIABLE);
      if (cdk8sOut != null && !cdk8sOut.isBlank()) {
        try {
          Cdk8sCliOutput.write(Path.of(cdk8sOut), outputs);
        } catch (IOException e) {
          err.println("stackwright: cannot write " + cdk8sOut + " for cdk8s: " + e.getMessage());
          return VALIDATION_FAILED;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      for (SynthOutput output : outputs) {
        out.println(Summary.line(output, results.get(output.environment()), seconds));
      }
      return OK;
    }
  }

  /** Formats the one-line result of an environment. */
  static final class Summary {
    private Summary() {}

    static String line(SynthOutput output, DistWriter.Result result, double seconds) {
      return String.format(
          Locale.ROOT,
          "%s: %s dist/%s: %d Kubernetes objects, %d Compose services, %d files; checks: model;"
              + " %.1f s",
          output.environment(),
          result == DistWriter.Result.WRITTEN ? "wrote" : "unchanged",
          output.environment(),
          output.kubernetesObjects(),
          output.composeServices(),
          output.files().size(),
          seconds);
    }
  }
}
