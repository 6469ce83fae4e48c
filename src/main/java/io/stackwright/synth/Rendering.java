package io.stackwright.synth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.output.Yaml;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.render.enrich.Enrichers;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.render.k8s.jsii.JsiiKernel;
import io.stackwright.report.ArchitectureDiagram;
import io.stackwright.validate.GateCheck;
import io.stackwright.validate.ParityReport;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders one stack model into its {@code dist/<env>/} files: both targets, the architecture
 * diagram and the parity report, with the counts a synth's summary gives.
 */
final class Rendering {
  private Rendering() {}

  /**
   * Renders both targets, then the reports that read them.
   *
   * @param check the gate's check to start the Compose CLI on the Compose files as soon as they are
   *     rendered, while the Kubernetes manifests render; {@code null} for none
   */
  static SynthOutput render(StackModel stack, GateCheck check) {
    // The jsii kernel comes up (about half a second) while Compose renders, which needs no kernel.
    JsiiKernel.startInBackground();
    Map<String, String> compose = new ComposeRenderer(Enrichers.all()).render(stack);
    if (check != null) {
      check.composeRendered(stack.environment(), compose);
    }
    Map<String, List<ObjectNode>> manifests = new KubernetesRenderer(Enrichers.all()).render(stack);
    SynthOutput output = counted(stack, manifests);
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

  /** An empty output that knows how many objects, of which kinds, and services it holds. */
  private static SynthOutput counted(StackModel stack, Map<String, List<ObjectNode>> manifests) {
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
    return output;
  }
}
