package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.EnvironmentLoader;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Waivers in an environment file: bound strictly, with the loader's positions. */
class WaiverTest {
  private static final String BACKEND =
      "backend:\n  image: ghcr.io/acme/api:1.0.0\nfrontend:\n  image: ghcr.io/acme/web:1.0.0\n";

  private static ShopEnvironment load(String text) throws EnvironmentException {
    return new EnvironmentLoader(name -> null)
        .load(
            "environments/prod.yaml", text.getBytes(StandardCharsets.UTF_8), ShopEnvironment.class);
  }

  @Test
  void waiversAreReadFromTheEnvironmentFile() throws EnvironmentException {
    ShopEnvironment props =
        load(
            BACKEND
                + "waivers:\n"
                + "  - rule: probes\n"
                + "    object: Deployment/backend\n"
                + "    reason: probes arrive with the next image\n");

    assertThat(props.waivers())
        .containsExactly(
            new Waiver("probes", "Deployment/backend", "probes arrive with the next image"));
    assertThat(new ShopStack().waivers(props)).isEqualTo(props.waivers());
  }

  @Test
  void noWaiversByDefault() throws EnvironmentException {
    assertThat(load(BACKEND).waivers()).isEmpty();
  }

  @Test
  void anUnknownRuleIsReportedAtItsValueWithTheValidIds() {
    assertThatThrownBy(
            () ->
                load(
                    BACKEND
                        + "waivers:\n"
                        + "  - rule: probe\n"
                        + "    object: Deployment/backend\n"
                        + "    reason: x\n"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("environments/prod.yaml:6:11: waivers[0].rule: unknown policy rule")
        .hasMessageContaining("probes, pinned-images");
  }

  @Test
  void aWaiverWithoutReasonOrWithAMalformedObjectIsReported() {
    assertThatThrownBy(
            () ->
                load(
                    BACKEND
                        + "waivers:\n"
                        + "  - rule: probes\n"
                        + "    object: backend\n"
                        + "    reason: x\n"
                        + "  - rule: probes\n"
                        + "    object: Deployment/backend\n"
                        + "    reason: \"  \"\n"
                        + "  - rule: probes\n"
                        + "    object: Deployment/backend\n"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("environments/prod.yaml:7:13: waivers[0].object:")
        .hasMessageContaining("write Kind/name")
        .hasMessageContaining(
            "environments/prod.yaml:11:13: waivers[1].reason: a waiver needs a reason")
        .hasMessageContaining("waivers[2].reason: a waiver needs a reason");
  }

  @Test
  void anUnknownKeyInAWaiverSuggestsTheRightOne() {
    assertThatThrownBy(
            () ->
                load(
                    BACKEND
                        + "waivers:\n"
                        + "  - rule: probes\n"
                        + "    object: Deployment/backend\n"
                        + "    reasn: x\n"))
        .isInstanceOf(EnvironmentException.class)
        .hasMessageContaining("waivers[0].reasn: unknown key \"reasn\"")
        .hasMessageContaining("did you mean \"reason\"");
  }
}
