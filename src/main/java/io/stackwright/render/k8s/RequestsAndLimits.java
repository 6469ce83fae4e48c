package io.stackwright.render.k8s;

import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.model.ServiceModel;
import org.cdk8s.Size;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.ContainerResources;
import org.cdk8s.plus33.CpuResources;
import org.cdk8s.plus33.MemoryResources;

/**
 * CPU and memory requests and limits on every container, as the model gives them. The twin of the
 * policy rule {@code requests-and-limits}, which checks every container has both.
 */
final class RequestsAndLimits {
  private RequestsAndLimits() {}

  /** Applies the requests and limits of {@code service} to its container. */
  static void apply(ServiceModel service, ContainerProps.Builder container) {
    container.resources(of(service.resources()));
  }

  /** {@return the container resources of {@code resources}} */
  static ContainerResources of(Resources resources) {
    return ContainerResources.builder()
        .cpu(
            CpuResources.builder()
                .request(JsiiValues.millis(resources.cpu().millis()))
                .limit(JsiiValues.millis(resources.cpuLimit().millis()))
                .build())
        .memory(
            MemoryResources.builder()
                .request(size(resources.memory()))
                .limit(size(resources.memoryLimit()))
                .build())
        .build();
  }

  /** {@return {@code memory} in whole gibibytes where it is, else in mebibytes} */
  static Size size(Memory memory) {
    return memory.mebibytes() % 1024 == 0
        ? JsiiValues.gibibytes(memory.mebibytes() >> 10)
        : JsiiValues.mebibytes(memory.mebibytes());
  }
}
