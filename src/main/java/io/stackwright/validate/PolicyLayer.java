package io.stackwright.validate;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.validate.policy.KubeObject;
import io.stackwright.validate.policy.PolicyInput;
import io.stackwright.validate.policy.PolicyRule;
import io.stackwright.validate.policy.PolicyRules;
import io.stackwright.validate.policy.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

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
   * @param input the output as the rules read it, for the parity layer
   */
  record Result(List<Finding> findings, Set<String> objects, PolicyInput input) {}

  /** Runs every rule on the output of {@code subject}. */
  static Result check(Subject subject) {
    List<Finding> findings = new ArrayList<>();
    PolicyInput input =
        read(subject.output(), subject.development(), subject.externalSecrets(), findings);
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
    return new Result(findings, objects, input);
  }

  /** The manifest files of an output: the YAML files at its top level. */
  static List<String> manifestFiles(SynthOutput output) {
    return output.files().keySet().stream()
        .filter(path -> !path.contains("/") && path.endsWith(".yaml"))
        .toList();
  }

  /**
   * Reads an output back as the rules see it; a file that cannot be read as YAML is left out, with
   * a finding in {@code findings}.
   */
  @SuppressWarnings("unchecked")
  static PolicyInput read(
      SynthOutput output,
      boolean development,
      Set<String> externalSecrets,
      List<Finding> findings) {
    List<KubeObject> objects = new ArrayList<>();
    for (String file : manifestFiles(output)) {
      try {
        for (Object document : yaml().loadAll(output.text(file))) {
          add(file, document, objects);
        }
      } catch (YAMLException e) {
        findings.add(unreadable(file, e));
      }
    }
    Map<String, Object> compose = Map.of();
    String composeText = output.text(ComposeRenderer.COMPOSE_FILE);
    if (composeText != null) {
      try {
        if (yaml().load(composeText) instanceof Map<?, ?> map) {
          compose = (Map<String, Object>) map;
        }
      } catch (YAMLException e) {
        findings.add(unreadable(ComposeRenderer.COMPOSE_FILE, e));
      }
    }
    return new PolicyInput(
        objects,
        composeText == null ? null : ComposeRenderer.COMPOSE_FILE,
        compose,
        development,
        externalSecrets);
  }

  /**
   * Adds a document, or each item of a {@code List} (kubectl applies {@code v1/List} and every
   * {@code *List} kind item by item), so that no object escapes the rules by being wrapped.
   */
  @SuppressWarnings("unchecked")
  private static void add(String file, Object document, List<KubeObject> objects) {
    if (!(document instanceof Map<?, ?> map)) {
      return;
    }
    Object kind = map.get("kind");
    if (kind instanceof String text
        && text.endsWith("List")
        && map.get("items") instanceof List<?> items) {
      for (Object item : items) {
        add(file, item, objects);
      }
      return;
    }
    objects.add(new KubeObject(file, (Map<String, Object>) map));
  }

  private static Finding unreadable(String file, YAMLException e) {
    return new Finding(Layer.POLICY, file, "", "", "", "cannot be read as YAML: " + e.getMessage());
  }

  /** A reader that builds only maps, lists and scalars: no YAML tag creates an object. */
  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }
}
