package io.stackwright.render.compose;

import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;
import io.stackwright.model.ServiceModel;

/**
 * Gives every Compose service the resources its container requests and is limited to, which rule
 * {@code requests-and-limits} checks: {@code deploy.resources.reservations} and {@code limits}.
 */
final class ComposeResources implements ComposeEnricher {

  /** What a prober may use: a wget every few seconds and a sleeping process. */
  static final Resources PROBER =
      new Resources(Cpu.millis(10), Memory.mebibytes(8), Cpu.millis(100), Memory.mebibytes(16));

  @Override
  public String rule() {
    return "requests-and-limits";
  }

  @Override
  public void enrich(ServiceModel service, ComposeService.Builder out) {
    out.deploy(deploy(service.resources()));
  }

  @Override
  public void enrichProber(ServiceModel service, ComposeService.Builder prober) {
    prober.deploy(deploy(PROBER));
  }

  private static Deploy deploy(Resources resources) {
    return new Deploy(
        new Deploy.Resources(
            new Deploy.Quantities(
                resources.cpuLimit().toCompose(), resources.memoryLimit().toCompose()),
            new Deploy.Quantities(resources.cpu().toCompose(), resources.memory().toCompose())));
  }
}
