package io.stackwright.render.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.stackwright.model.StackModel;
import io.stackwright.output.Yaml;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.stack.Stack;
import io.stackwright.validate.policy.KubeObject;
import io.stackwright.validate.policy.PolicyInput;
import io.stackwright.validate.policy.PolicyRules;
import io.stackwright.validate.policy.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the renderers make of a stack with a given list of defaults: the Compose files, the
 * Kubernetes objects (rendered when first asked for), and the violations of a policy rule, read
 * back from the written text as the gate reads it.
 */
public final class Rendered {
  private static final YAMLMapper YAML = new YAMLMapper();

  private final StackModel model;
  private final List<Enricher> enrichers;
  private final Map<String, String> files;
  private final JsonNode compose;
  private Map<String, List<ObjectNode>> manifests;

  private Rendered(StackModel model, List<Enricher> enrichers) {
    this.model = model;
    this.enrichers = enrichers;
    this.files = new ComposeRenderer(enrichers).render(model);
    try {
      this.compose = YAML.readTree(files.get(ComposeRenderer.COMPOSE_FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The output of a stack with every default.
   *
   * @param stack the stack
   * @return its output
   */
  public static Rendered of(Stack stack) {
    return new Rendered(stack.toModel(), Enrichers.all());
  }

  /** The output of {@code stack} with every default but the one of class {@code left}. */
  static Rendered without(Stack stack, Class<? extends Enricher> left) {
    List<Enricher> others = new ArrayList<>(Enrichers.all());
    others.removeIf(left::isInstance);
    return new Rendered(stack.toModel(), others);
  }

  /**
   * The Compose output's files.
   *
   * @return path inside {@code dist/<env>/} to file content
   */
  public Map<String, String> files() {
    return files;
  }

  /**
   * The Compose file's text.
   *
   * @return the text
   */
  public String text() {
    return files.get(ComposeRenderer.COMPOSE_FILE);
  }

  /**
   * The Compose file, parsed.
   *
   * @return the file
   */
  public JsonNode compose() {
    return compose;
  }

  /**
   * A Compose service.
   *
   * @param name the service's name
   * @return the service; a missing node when there is none
   */
  public JsonNode service(String name) {
    return compose.path("services").path(name);
  }

  /** The Kubernetes objects, by file. */
  Map<String, List<ObjectNode>> manifests() {
    if (manifests == null) {
      manifests = new KubernetesRenderer(enrichers).render(model);
    }
    return manifests;
  }

  /** The Kubernetes object {@code kind}/{@code name}. */
  ObjectNode find(String kind, String name) {
    return manifests().values().stream()
        .flatMap(List::stream)
        .filter(o -> o.path("kind").asText().equals(kind))
        .filter(o -> o.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }

  /** What rule {@code id} finds in both targets, read back as the gate reads them. */
  List<Violation> violations(String id) {
    return violations(id, model.development());
  }

  /**
   * What rule {@code id} finds in both targets, read as the output of a development environment or
   * not, whatever the stack's is.
   */
  @SuppressWarnings("unchecked")
  List<Violation> violations(String id, boolean development) {
    org.yaml.snakeyaml.Yaml yaml =
        new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
    List<KubeObject> objects = new ArrayList<>();
    manifests()
        .forEach(
            (file, written) -> {
              for (Object document : yaml.loadAll(Yaml.writeAll(written))) {
                objects.add(new KubeObject(file, (Map<String, Object>) document));
              }
            });
    PolicyInput input =
        new PolicyInput(
            objects,
            ComposeRenderer.COMPOSE_FILE,
            (Map<String, Object>) yaml.load(text()),
            development,
            model.externalSecrets());
    return PolicyRules.find(id).orElseThrow().check(input);
  }

  /**
   * The texts of a list node, in order.
   *
   * @param list the node
   * @return its items' texts
   */
  public static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(item -> out.add(item.asText()));
    return out;
  }
}
