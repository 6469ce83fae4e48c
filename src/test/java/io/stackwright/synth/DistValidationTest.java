package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.shop.ShopStack;
import io.stackwright.validate.InstalledTools;
import io.stackwright.validate.Layer;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import org.junit.jupiter.api.Test;

/**
 * Every environment passes every layer of the gate in strict mode, with no waiver. With {@link
 * CommittedDistTest}, which proves that the committed {@code dist/} is what a fresh synth writes,
 * this proves that the committed {@code dist/} passes them too: every generated nginx.conf,
 * prometheus.yml (both targets), redis.conf and postgresql.conf read by its real program.
 */
class DistValidationTest {

  @Test
  void everyEnvironmentPassesEveryLayerStrictly() throws Exception {
    InstalledTools.requireAllPrograms();
    ValidationGate gate = new ValidationGate(InstalledTools.require(), ValidationMode.STRICT);
    Synthesizer<?> synthesizer =
        new Synthesizer<>(new ShopStack(), CommittedDistTest.PROJECT, name -> null, gate);

    ValidationReport report = synthesizer.synthesize(CommittedDistTest.environments()).report();

    assertThat(report.ran())
        .containsExactly(
            Layer.POLICY,
            Layer.PARITY,
            Layer.KUBECONFORM,
            Layer.COMPOSE,
            Layer.NGINX,
            Layer.PROMTOOL,
            Layer.REDIS,
            Layer.POSTGRESQL);
    assertThat(report.passed()).isTrue();
    assertThat(report.environments()).allSatisfy(e -> assertThat(e.waived()).isEmpty());
  }
}
