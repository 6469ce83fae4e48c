package io.stackwright.render.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.Patch;
import io.stackwright.model.RawObject;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import io.stackwright.render.k8s.jsii.JsiiKernel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus33.Namespace;
import org.cdk8s.plus33.NamespaceProps;

/**
 * Renders a {@link StackModel} into Kubernetes objects with cdk8s and cdk8s-plus, one file per
 * service.
 *
 * <p>Files: {@code 00-namespace.yaml} (so that {@code kubectl apply -f}, which goes in name order,
 * creates the namespace first), {@code 01-dev-secrets.yaml} in a development environment, and
 * {@code <service>.yaml} with every object of that service (see {@link Workloads}).
 *
 * <p>It assembles what the model says; each cross-cutting default ({@link KubernetesEnricher}: the
 * hardening, labels and selectors, network policies, disruption budgets, probes, secrets, requests
 * and limits; see {@code io.stackwright.render.enrich}) adds its part to the stack's files and to
 * every workload.
 */
public final class KubernetesRenderer {

  /** The Kubernetes minor version the objects and the Pod Security level target. */
  public static final String KUBERNETES_VERSION = "v1.33";

  /** The file with the Namespace, named to sort, and so apply, first. */
  public static final String NAMESPACE_FILE = "00-namespace.yaml";

  /** The file with the objects added by {@link io.stackwright.stack.Stack#addRawObject}. */
  public static final String RAW_FILE = "99-raw.yaml";

  /** The file with the Secrets of a development environment, applied after the namespace. */
  public static final String DEV_SECRETS_FILE = "01-dev-secrets.yaml";

  private final List<KubernetesEnricher> enrichers;

  /**
   * Creates a renderer.
   *
   * @param enrichers the cross-cutting defaults, each applied to every workload in this order
   */
  public KubernetesRenderer(List<? extends KubernetesEnricher> enrichers) {
    this.enrichers = List.copyOf(enrichers);
  }

  /**
   * Renders the stack.
   *
   * @param stack the checked model of one environment
   * @return file name to the objects in it, in apply order
   */
  public Map<String, List<ObjectNode>> render(StackModel stack) {
    JsiiKernel.awaitStart();
    App app = new App();
    // The objects of each file: those cdk8s synthesizes (the namespace's chart, and for the
    // services, a part of one chart) and those built in Java (such as the development Secrets).
    StackParts stackParts = new StackParts(stack);
    enrichers.forEach(enricher -> enricher.enrichStack(stack, stackParts));
    Chart namespace = namespace(app, stack, stackParts.namespaceLabels());
    Map<String, PlainObjects> plain = new LinkedHashMap<>(stackParts.files());

    // One chart for every service, so that cdk8s synthesizes them in one call: it prepares and
    // validates the whole app for each chart it synthesizes, and each call is a round trip.
    Chart services = chart(app, "services", stack.namespace(), Map.of());
    PodValues values = new PodValues();
    for (ServiceModel service : stack.kubernetesServices()) {
      PlainObjects objects = new PlainObjects(stack.namespace(), Labels.of(stack, service));
      plain.put(serviceFile(service.name()), objects);
      Workloads.render(services, objects, stack, service, enrichers, values);
    }

    Map<String, List<ObjectNode>> synthesized = new LinkedHashMap<>();
    synthesized.put(NAMESPACE_FILE, trees(namespace.toJson()));
    synthesized.putAll(byService(trees(services.toJson())));
    Map<String, List<ObjectNode>> files = new LinkedHashMap<>();
    plain.forEach(
        (file, objects) ->
            files.put(
                file,
                Manifests.normalize(objects.addTo(synthesized.getOrDefault(file, List.of())))));
    if (!stack.rawObjects().isEmpty()) {
      List<ObjectNode> raw = new ArrayList<>();
      for (RawObject object : stack.rawObjects()) {
        raw.add(KubeJson.object(object.body()));
      }
      files.put(RAW_FILE, Manifests.normalize(raw));
    }
    Manifests.requireUnique(files);
    applyPatches(stack, files);
    return files;
  }

  /** Runs each Kubernetes patch of the stack on the object it names, in the order added. */
  private static void applyPatches(StackModel stack, Map<String, List<ObjectNode>> files) {
    List<String> matched = new ArrayList<>();
    for (Patch patch : stack.patches()) {
      if (patch.compose()) {
        continue;
      }
      for (List<ObjectNode> objects : files.values()) {
        for (int i = 0; i < objects.size(); i++) {
          ObjectNode object = objects.get(i);
          if (patch.kind().equals(Manifests.kind(object))
              && patch.name().equals(Manifests.name(object))) {
            objects.set(i, patch.applyTo(object));
            matched.add(patch.ref());
          }
        }
      }
    }
    Patch.requireMatched(stack.patches(), false, matched);
  }

  /** The chart of the Namespace, labelled with the stack's labels and {@code labels}. */
  private static Chart namespace(App app, StackModel stack, Map<String, String> labels) {
    Chart chart = chart(app, "namespace", null, Labels.stackWide(stack));
    ApiObjectMetadata.Builder metadata = ApiObjectMetadata.builder().name(stack.namespace());
    if (!labels.isEmpty()) {
      metadata.labels(new TreeMap<>(labels));
    }
    new Namespace(chart, "namespace", NamespaceProps.builder().metadata(metadata.build()).build());
    return chart;
  }

  private static Chart chart(App app, String id, String namespace, Map<String, String> labels) {
    ChartProps.Builder props =
        ChartProps.builder().disableResourceNameHashes(true).labels(new TreeMap<>(labels));
    if (namespace != null) {
      props.namespace(namespace);
    }
    return new Chart(app, id, props.build());
  }

  private static List<ObjectNode> trees(List<Object> synthesized) {
    List<ObjectNode> trees = new ArrayList<>();
    synthesized.forEach(object -> trees.add(KubeJson.object(object)));
    return trees;
  }

  private static String serviceFile(String service) {
    return service + ".yaml";
  }

  /**
   * The objects of the services' chart, by the file of the service each belongs to: the one its
   * {@code app.kubernetes.io/name} label names, as every object of a service has.
   *
   * @throws IllegalStateException when an object has no such label
   */
  private static Map<String, List<ObjectNode>> byService(List<ObjectNode> synthesized) {
    Map<String, List<ObjectNode>> files = new LinkedHashMap<>();
    for (ObjectNode object : synthesized) {
      String service = object.path("metadata").path("labels").path(Labels.NAME).textValue();
      if (service == null) {
        throw new IllegalStateException(
            "an object of the services' chart has no " + Labels.NAME + " label: " + object);
      }
      files.computeIfAbsent(serviceFile(service), file -> new ArrayList<>()).add(object);
    }
    return files;
  }
}
