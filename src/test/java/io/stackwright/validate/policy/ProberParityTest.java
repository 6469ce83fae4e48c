package io.stackwright.validate.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.ComposeHealthCheck;
import io.stackwright.output.SynthOutput;
import io.stackwright.stack.ProberStacks;
import io.stackwright.synth.Synthesizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * In a stack whose API is tested by a Compose prober, parity proves that the prober tests what the
 * Kubernetes readiness probe tests, as part of the service it tests.
 */
class ProberParityTest {

  private static SynthOutput render() {
    return Synthesizer.render(ProberStacks.model(false, ComposeHealthCheck.prober()));
  }

  @Test
  void theProberIsPartOfItsServiceNotAComposeOnlyService() {
    SynthOutput output = render();
    Parity.Result result = Parity.compare(ReadOutputs.read(output));

    assertThat(result.mismatches()).isEmpty();
    assertThat(result.services())
        .extracting(Parity.Service::service)
        .containsExactly("api", "edge");
    assertThat(result.services().get(0).composeProbers()).containsExactly("api-ready");
    assertThat(result.services().get(1).composeProbers()).isEmpty();
    assertThat(result.composeOnly()).isEmpty();
    assertThat(output.composeServices()).isEqualTo(3);
  }

  /**
   * One change to the Compose file of a stack with a prober is a mismatch. Columns: text to
   * replace, replacement, the object and field reported, a word of the message.
   */
  @ParameterizedTest(name = "{4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      '- http://api:8080/health/ready' | '- http://api:8080/health/live' | ComposeService/api-ready | services.api-ready.healthcheck.test | /health/live
      '- http://api:8080/health/ready' | '- http://api:9090/health/ready' | ComposeService/api-ready | services.api-ready.healthcheck.test | 9090
      '- http://api:8080/health/ready' | '- http://edge:8080/health/ready' | ComposeService/api-ready | services.api-ready.healthcheck.test | host edge
      '      api-ready:\\n        condition: service_healthy' | '      api-ready:\\n        condition: service_started' | ComposeService/edge | services.edge.depends_on.api | not once it is ready
      '    networks:\\n      - api-ready-to-api\\n    read_only' | '    networks:\\n      - published\\n    read_only' | ComposeService/api-ready | services.api-ready.networks | shares no network
      '      stackwright.io/readiness-of: api' | '      stackwright.io/readiness-of: nobody' | ComposeService/api-ready | '' | profile
      """)
  void oneChangeToTheProberIsAMismatch(
      String from, String to, String object, String field, String word) {
    PolicyInput changed =
        ReadOutputs.withCompose(render(), from.replace("\\n", "\n"), to.replace("\\n", "\n"));

    List<Violation> mismatches = Parity.compare(changed).mismatches();

    assertThat(mismatches)
        .anySatisfy(
            v -> {
              assertThat(v.object()).isEqualTo(object);
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.message()).contains(word);
            });
  }
}
