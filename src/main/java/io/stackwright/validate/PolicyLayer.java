package io.stackwright.validate;

import io.stackwright.output.SynthOutput;
import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.PolicyInput;
import io.stackwright.validate.policy.PolicyRule;
import io.stackwright.validate.policy.PolicyRules;
import io.stackwright.validate.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy layer: reads one environment's files back as kubectl and the Compose CLI will (the
 * Kubernetes manifests at the top of {@code dist/<env>/}, the Compose file under {@code compose/})
 * and runs every {@link PolicyRules policy rule} on them.
 */
final class PolicyLayer {
  private PolicyLayer() {}

  /**
   * What the rules found in one environment, before waivers.
   *
   * @param findings the violations of every rule, as findings
   * @param objects every object of the output as waivers name them: {@code Kind/name}, {@code
   *     ComposeService/name}, {@code ComposeSecret/name}
   * @param input the output as the rules read it
   * @param parity the comparison of its two targets, for the parity layer
   */
  record Result(
      List<Finding> findings, Set<String> objects, PolicyInput input, Parity.Result parity) {}

  /** Runs every rule on the output of {@code subject}. */
  static Result check(Subject subject) {
    ReadBack read = ReadBack.of(subject.output());
    List<Finding> findings = new ArrayList<>(read.unreadable());
    PolicyInput input = read.input(subject.development(), subject.externalSecrets());
    for (PolicyRule rule : PolicyRules.ALL) {
      for (Violation v : rule.check(input)) {
        findings.add(
            new Finding(Layer.POLICY, v.file(), v.object(), v.field(), rule.id(), v.message()));
      }
    }
    Set<String> objects = new TreeSet<>();
    input.objects().forEach(o -> objects.add(o.ref()));
    for (String section : List.of("services", "secrets")) {
      String kind = section.equals("services") ? "ComposeService/" : "ComposeSecret/";
      if (input.compose().get(section) instanceof Map<?, ?> map) {
        map.keySet().forEach(name -> objects.add(kind + name));
      }
    }
    return new Result(findings, objects, input, read.parity());
  }

  /** The manifest files of an output: the YAML files at its top level. */
  static List<String> manifestFiles(SynthOutput output) {
    return ReadBack.manifestFiles(output);
  }

  /**
   * Reads an output back as the rules see it; a file that cannot be read as YAML is left out, with
   * a finding in {@code findings}. The text is parsed once per output (see {@link ReadBack}).
   */
  static PolicyInput read(
      SynthOutput output,
      boolean development,
      Set<String> externalSecrets,
      List<Finding> findings) {
    ReadBack read = ReadBack.of(output);
    findings.addAll(read.unreadable());
    return read.input(development, externalSecrets);
  }
}
