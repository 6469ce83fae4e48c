package io.stackwright.render.k8s;

import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Labels;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.plus33.k8s.LabelSelector;

/**
 * Labels on every object of a service, and the selectors by which its workload and its Service find
 * its pods: the recommended labels of {@link Labels#selector}, never the hash cdk8s-plus would
 * select by. The twin of the policy rule {@code service-selects-pods}, which checks every Service
 * selects the pods of a workload.
 */
final class PodSelectors {
  private PodSelectors() {}

  /**
   * Makes the workload {@code kind} of {@code service} and its Service select its pods. cdk8s-plus
   * would only copy the labels through, at three round trips for the workload's selector and one
   * per label for the Service's.
   */
  static void apply(PlainObjects plain, StackModel stack, ServiceModel service, String kind) {
    Map<String, String> selector = new TreeMap<>(Labels.selector(stack, service));
    plain.set(
        kind,
        service.name(),
        "/spec/selector",
        LabelSelector.builder().matchLabels(selector).build());
    plain.set("Service", service.name(), "/spec/selector", selector);
  }

  /**
   * The metadata of an object of {@code service}, with the service's labels: the services share one
   * chart, which can give them none.
   */
  static ApiObjectMetadata metadata(StackModel stack, ServiceModel service, String name) {
    return ApiObjectMetadata.builder().name(name).labels(Labels.of(stack, service)).build();
  }

  /** {@return the metadata of {@code service}'s pods: its labels, and {@code annotations}} */
  static ApiObjectMetadata pods(
      StackModel stack, ServiceModel service, Map<String, String> annotations) {
    return ApiObjectMetadata.builder()
        .labels(Labels.of(stack, service))
        .annotations(new TreeMap<>(annotations))
        .build();
  }
}
