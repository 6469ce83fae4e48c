package io.stackwright.cli;

import io.stackwright.run.DiffRun;
import io.stackwright.run.Options;
import io.stackwright.run.Outcome;
import io.stackwright.run.Status;
import io.stackwright.run.SynthRun;
import io.stackwright.shop.ShopStack;
import io.stackwright.stack.StackDefinition;
import io.stackwright.text.Printable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The command line: {@code stackwright synth --env <name|all>}, run by {@code mvn -q compile
 * exec:java -Denv=<name|all>}, and {@code stackwright diff --env <name|all>} ({@code -Dcmd=diff}),
 * which shows what a synth would change in {@code dist/} and writes nothing. It parses the options
 * and prints; {@link SynthRun} and {@link DiffRun} do the work.
 *
 * <p>Exit codes: {@value #OK} success, {@value #VALIDATION_FAILED} the stack failed a check or
 * could not be written (nothing changed), {@value #BAD_INPUT} bad input or usage (nothing changed),
 * {@value #BUG} a bug of Stackwright or of the stack's code, reported with its trace (nothing
 * changed). Results go to standard output, one line per environment; problems go to standard error.
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

  /**
   * A bug, of Stackwright or of the stack's code, stopped the command; nothing was changed. It is
   * {@code EX_SOFTWARE} of {@code sysexits.h}, which picocli's documentation suggests for an
   * internal error when 1 has a meaning of its own.
   */
  public static final int BUG = 70;

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
      BugReport.print(definition, e, err);
      code = BUG;
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
          BugReport.print(definition, e, safeErr);
          return BUG;
        });
    try {
      return cli.execute(cleaned);
    } finally {
      safeOut.flush();
      safeErr.flush();
    }
  }

  /** The exit code of a status. */
  static int exitCode(Status status) {
    return switch (status) {
      case OK -> OK;
      case FAILED -> VALIDATION_FAILED;
      case BAD_INPUT -> BAD_INPUT;
      case BUG -> BUG;
    };
  }

  /** The options both commands share, and how they print what their run came to. */
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

    /** The options, once the scratch folders a killed synth left in the temp folder are gone. */
    Options options() {
      TempLeftovers.sweep(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
      return new Options(main.definition, projectDir, env, validate, rebuild, main.variables);
    }

    /** Prints the problems, then the results; returns the exit code. */
    int print(Outcome outcome) {
      PrintWriter err = spec.commandLine().getErr();
      outcome.problems().forEach(err::println);
      spec.commandLine().getOut().print(outcome.output());
      return exitCode(outcome.status());
    }
  }

  /** {@code synth}: writes {@code dist/<env>/} for one environment or all of them. */
  @Command(name = "synth", description = "Synthesizes dist/<env>/ for one environment, or all.")
  static final class Synth extends EnvCommand {
    @Override
    public Integer call() {
      return print(new SynthRun(options()).run());
    }
  }

  /**
   * {@code diff}: what a synth would change in {@code dist/}; see {@link DiffRun}. Exit code
   * {@value Main#OK} when nothing would change, {@value Main#VALIDATION_FAILED} when something
   * would (or a check fails), {@value Main#BAD_INPUT} for bad input or a {@code dist/} an
   * interrupted synth left.
   */
  @Command(
      name = "diff",
      description = "Shows what a synth would change in dist/, and writes nothing.")
  static final class Diff extends EnvCommand {
    @Override
    public Integer call() {
      return print(new DiffRun(options()).run());
    }
  }
}
