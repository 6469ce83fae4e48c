package io.stackwright.validate;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies an environment's waivers to its policy findings; a waiver that matches none is an error.
 */
final class Waivers {
  private Waivers() {}

  /**
   * The findings no waiver exempts, plus one finding per waiver that exempts nothing.
   *
   * @param applied receives each exempted finding with its waiver
   */
  static List<Finding> apply(
      Subject subject, PolicyLayer.Result result, List<ValidationReport.Waived> applied) {
    List<Finding> findings = result.findings();
    List<Finding> remaining = new ArrayList<>();
    boolean[] used = new boolean[subject.waivers().size()];
    for (Finding finding : findings) {
      int match = -1;
      for (int i = 0; i < subject.waivers().size() && match < 0; i++) {
        Waiver waiver = subject.waivers().get(i);
        if (waiver.rule().equals(finding.rule()) && waiver.object().equals(finding.object())) {
          match = i;
        }
      }
      if (match < 0) {
        remaining.add(finding);
      } else {
        used[match] = true;
        applied.add(new ValidationReport.Waived(finding, subject.waivers().get(match)));
      }
    }
    for (int i = 0; i < used.length; i++) {
      if (!used[i]) {
        Waiver waiver = subject.waivers().get(i);
        remaining.add(
            new Finding(
                Layer.POLICY,
                subject.environmentFile(),
                waiver.object(),
                "waivers[" + i + "]",
                waiver.rule(),
                "this waiver exempts nothing: "
                    + (result.objects().contains(waiver.object())
                        ? waiver.object() + " passes rule " + waiver.rule()
                        : "the output has no " + waiver.object())
                    + "; remove the waiver"));
      }
    }
    return remaining;
  }
}
