package io.stackwright.run;

import io.stackwright.env.EnvironmentException;
import io.stackwright.render.k8s.jsii.JsiiKernel;
import io.stackwright.synth.Synthesis;
import io.stackwright.synth.Synthesizer;
import io.stackwright.synth.ValidationException;
import io.stackwright.synth.uptodate.UpToDate;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import java.util.List;

/**
 * The synthesis both commands share: loads, renders and validates the selected environments in
 * memory, and says what stopped it: bad input, a failed check, or a machine without Node.js.
 */
final class InMemory {
  private InMemory() {}

  /**
   * A synthesis that passed every check.
   *
   * @param synthesis the outputs and the gate's report
   * @param upToDate the record of what earlier synths made each environment from
   */
  record Synthesized(Synthesis synthesis, UpToDate upToDate) {}

  /**
   * Synthesizes the environments the options select.
   *
   * @param usesRecord whether an environment whose inputs did not change may be left as it is
   * @throws Stop when it failed, its problems said
   */
  static Synthesized synthesize(Options options, boolean usesRecord, Report report) throws Stop {
    ValidationMode mode = badInputIfRefused(() -> ValidationMode.parse(options.validate()), report);
    Tools tools = Tools.locate(options.projectDir(), System::getProperty, options.variables());
    Synthesizer<?> synthesizer =
        new Synthesizer<>(
            options.definition(),
            options.projectDir(),
            options.variables(),
            new ValidationGate(tools, mode));
    List<String> names =
        badInputIfRefused(() -> synthesizer.environments().select(options.env()), report);
    UpToDate upToDate =
        usesRecord
            ? UpToDate.load(
                options.projectDir(),
                options.dist(),
                mode,
                tools,
                options.definition().getClass().getClassLoader(),
                System.getenv())
            : UpToDate.disabled();
    // Node.js and the cdk8s modules start now, once the command line is known to be good, while
    // the environment files are read and checked; unless every environment looks up to date,
    // when they may not be needed at all (without the record, none does).
    if (!names.stream()
        .allMatch(n -> upToDate.mayBeCurrent(n, synthesizer.environments().file(n)))) {
      JsiiKernel.startInBackground();
    }
    return new Synthesized(synthesize(synthesizer, names, upToDate, mode, report), upToDate);
  }

  private static Synthesis synthesize(
      Synthesizer<?> synthesizer,
      List<String> names,
      UpToDate upToDate,
      ValidationMode mode,
      Report report)
      throws Stop {
    try {
      return synthesizer.synthesize(names, upToDate);
    } catch (EnvironmentException e) {
      report.problem(e.getMessage());
      report.problem(
          "stackwright: "
              + e.problems().size()
              + " problem(s) in environment files; nothing was written.");
      throw new Stop(Status.BAD_INPUT);
    } catch (ValidationException e) {
      failed(e, mode, report);
      throw new Stop(Status.FAILED);
    } catch (JsiiKernel.Unavailable e) {
      report.problem("stackwright: " + e.getMessage() + "; nothing was written.");
      throw new Stop(Status.FAILED);
    }
  }

  /** The stack's mistakes, or the gate's report by environment and file. */
  private static void failed(ValidationException e, ValidationMode mode, Report report) {
    if (e.report() == null) {
      e.failures().forEach(f -> report.problem("stackwright: " + f));
    } else {
      if (mode == ValidationMode.AUTO) {
        e.report().skipNotices().forEach(notice -> report.problem("stackwright: " + notice));
      }
      report.problem("stackwright: the validation gate found problems:");
      e.failures().forEach(report::problem);
    }
    report.problem("stackwright: validation failed; nothing was written.");
  }

  /** A choice of the command line that may be refused, as {@link IllegalArgumentException}. */
  @FunctionalInterface
  private interface Choice<T> {
    T make();
  }

  private static <T> T badInputIfRefused(Choice<T> choice, Report report) throws Stop {
    try {
      return choice.make();
    } catch (IllegalArgumentException e) {
      report.problem("stackwright: " + e.getMessage());
      throw new Stop(Status.BAD_INPUT);
    }
  }
}
