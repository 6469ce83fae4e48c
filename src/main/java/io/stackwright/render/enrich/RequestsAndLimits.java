package io.stackwright.render.enrich;

import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.compose.ComposeService;
import io.stackwright.render.compose.Deploy;
import io.stackwright.render.k8s.PodValues;
import io.stackwright.render.k8s.WorkloadParts;
import org.cdk8s.plus33.ContainerResources;
import org.cdk8s.plus33.CpuResources;
import org.cdk8s.plus33.MemoryResources;

/**
 * Every container says what CPU and memory it needs and may use at most, as the model's {@link
 * Resources} give them (by default {@code GenericService.DEFAULT_RESOURCES}).
 *
 * <p>Kubernetes: the container's requests and limits, a service's and a job's. Compose: {@code
 * deploy.resources}, requests as {@code reservations} and limits as {@code limits}; a prober gets
 * what a {@code wget} every few seconds needs ({@link #PROBER}).
 *
 * <p>Twin: rule {@code requests-and-limits}, which checks every container and every Compose
 * service. (Without this default, cdk8s-plus would give each container requests and limits of its
 * own, which the rule cannot tell from the model's; the Compose half has no such fallback.)
 */
final class RequestsAndLimits implements Enricher {

  /** What a prober may use: a wget every few seconds and a sleeping process. */
  static final Resources PROBER =
      new Resources(Cpu.millis(10), Memory.mebibytes(8), Cpu.millis(100), Memory.mebibytes(16));

  @Override
  public String rule() {
    return "requests-and-limits";
  }

  @Override
  public void enrichComposeService(
      StackModel stack, ServiceModel service, ComposeService.Builder out) {
    out.deploy(deploy(service.resources()));
  }

  @Override
  public void enrichComposeProber(
      StackModel stack, ServiceModel service, ComposeService.Builder prober) {
    prober.deploy(deploy(PROBER));
  }

  private static Deploy deploy(Resources resources) {
    return new Deploy(
        new Deploy.Resources(
            new Deploy.Quantities(
                resources.cpuLimit().toCompose(), resources.memoryLimit().toCompose()),
            new Deploy.Quantities(resources.cpu().toCompose(), resources.memory().toCompose())));
  }

  @Override
  public void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out) {
    out.container().resources(container(service.resources(), out.values()));
  }

  @Override
  public void enrichJob(StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out) {
    out.container().resources(container(job.resources(), out.values()));
  }

  private static ContainerResources container(Resources resources, PodValues values) {
    return ContainerResources.builder()
        .cpu(
            CpuResources.builder()
                .request(values.cpu(resources.cpu()))
                .limit(values.cpu(resources.cpuLimit()))
                .build())
        .memory(
            MemoryResources.builder()
                .request(values.size(resources.memory()))
                .limit(values.size(resources.memoryLimit()))
                .build())
        .build();
  }
}
