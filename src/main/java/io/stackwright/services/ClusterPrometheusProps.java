package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.Names;
import io.stackwright.render.Labels;
import java.util.Map;

/**
 * The cluster's own Prometheus ({@code cluster.prometheus:}), for a stack that has none of its own:
 * every service that serves metrics admits it on the metrics port, past the namespace's default
 * deny. It still has to find the pods: by their {@code prometheus.io} annotations, or a
 * ServiceMonitor of its own.
 *
 * @param namespace the namespace it runs in, such as {@code monitoring}. Required.
 * @param podLabels labels of its pods. Default: {@code app.kubernetes.io/name: prometheus}.
 */
public record ClusterPrometheusProps(String namespace, Map<String, String> podLabels) {

  /**
   * Applies the default labels and checks the names.
   *
   * @param namespace see {@link #namespace()}
   * @param podLabels see {@link #podLabels()}
   */
  public ClusterPrometheusProps {
    if (namespace == null) {
      throw new InvalidPropException(
          "namespace",
          "missing required key \"namespace\"",
          "set namespace: to where the cluster's Prometheus runs, such as monitoring");
    }
    if (!Names.isDnsLabel(namespace)) {
      throw new InvalidPropException(
          "namespace", "\"" + namespace + "\" is not a namespace name", "such as monitoring");
    }
    podLabels = podLabels == null ? Map.of(Labels.NAME, "prometheus") : Map.copyOf(podLabels);
    ClusterProps.checkLabels("podLabels", podLabels);
    if (podLabels.isEmpty()) {
      throw new InvalidPropException(
          "podLabels",
          "the Prometheus pods need a label to select them by",
          "such as app.kubernetes.io/name: prometheus");
    }
  }

  /** {@return the model's form} */
  public ClusterNetwork.Pods toPods() {
    return new ClusterNetwork.Pods(namespace, podLabels);
  }
}
