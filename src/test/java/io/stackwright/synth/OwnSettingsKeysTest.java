package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.CliRun;
import io.stackwright.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value a rule of the stack refuses (one replica outside development, an Ingress without TLS) is
 * bad input at the key path of the stack's own settings, whatever it names its sections: {@code
 * edge.replicas} for the edge its record calls {@code edge}, not the service's name {@code nginx}.
 */
class OwnSettingsKeysTest {

  /** A staging file the stack accepts: two replicas of everything, TLS on the Ingress. */
  private static final String STAGING =
      """
      api:
        image: ghcr.io/acme/api:1.0.0
        replicas: 2
      edge:
        replicas: 2
        trustedProxies: [10.42.0.0/16]
        ingress:
          host: staging.team.example.com
          tlsSecret: team-staging-tls
      """;

  @TempDir Path project;
  private String out;
  private String err;

  @BeforeEach
  void environments() throws IOException {
    Files.createDirectories(project.resolve("environments"));
  }

  @Test
  void theFileAsWrittenBuilds() throws Exception {
    write("staging", STAGING);

    assertThat(
            new Synthesizer<>(new OwnSettingsStack(), project, name -> null)
                .synthesize(List.of("staging"))
                .outputs())
        .hasSize(1);
  }

  @Test
  void oneReplicaOfTheEdgeIsBadInputAtTheStacksOwnKey() throws IOException {
    write("staging", STAGING.replace("edge:\n  replicas: 2", "edge:\n  replicas: 1"));

    assertThat(synth(new OwnSettingsStack(), "staging")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains(
            "environments/staging.yaml:5:13: edge.replicas: nginx: outside development a stateless"
                + " service runs at least 2 replicas")
        .contains("; set edge.replicas: 2 or more")
        .contains("nothing was written")
        .doesNotContain("nginx.replicas");
  }

  @Test
  void aDefaultReplicaCountIsBadInputWithTheKeyToAdd() throws IOException {
    write("staging", STAGING.replace("  replicas: 2\n  trustedProxies", "  trustedProxies"));

    assertThat(synth(new OwnSettingsStack(), "staging")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .as("at the nearest key the file writes")
        .contains("environments/staging.yaml:4:1: edge.replicas: nginx: outside development")
        .contains("; add edge.replicas: 2 or more")
        .doesNotContain("nginx.replicas");
  }

  @Test
  void aDefaultEdgeIsBadInputWithTheKeyToAdd() throws IOException {
    write("staging", STAGING.substring(0, STAGING.indexOf("edge:")));

    assertThat(synth(new OwnSettingsStack(), "staging")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains("environments/staging.yaml:1:1: edge.replicas: nginx: outside development")
        .contains("; add edge.replicas: 2 or more");
  }

  @Test
  void anIngressWithoutTlsIsBadInputAtTheStacksOwnKey() throws IOException {
    write("prod", STAGING.replace("    tlsSecret: team-staging-tls\n", ""));

    assertThat(synth(new OwnSettingsStack(), "prod")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains(
            "environments/prod.yaml:7:3: edge.ingress.tlsSecret: nginx: outside development the"
                + " Ingress for staging.team.example.com needs TLS; set edge.ingress.tlsSecret to"
                + " the Secret holding its certificate")
        .doesNotContain("nginx.ingress");
  }

  @Test
  void aServiceNestedInTheSettingsIsReportedAtItsWholePath() throws IOException {
    write(
        "staging",
        STAGING
            + """
            services:
              web:
                image: ghcr.io/acme/web:1.0.0
                replicas: 1
            """);

    assertThat(synth(new OwnSettingsStack(), "staging")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains(
            "environments/staging.yaml:13:15: services.web.replicas: web: outside development")
        .contains("; set services.web.replicas: 2 or more");
  }

  @Test
  void anAutoscaledServiceIsReportedAtItsMinimum() throws IOException {
    write(
        "staging",
        STAGING.replace(
            "  replicas: 2\nedge:",
            "  autoscaling:\n    minReplicas: 1\n    maxReplicas: 4\nedge:"));

    assertThat(synth(new OwnSettingsStack(), "staging")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains(
            "environments/staging.yaml:4:18: api.autoscaling.minReplicas: api: outside development"
                + " a stateless service runs at least 2 replicas")
        .contains("; set api.autoscaling.minReplicas: 2 or more")
        .doesNotContain("api.replicas");
  }

  @Test
  void anUnpinnedImageIsBadInputAtItsLine() throws IOException {
    write("staging", STAGING.replace("api:1.0.0", "api:latest"));

    assertThat(synth(new OwnSettingsStack(), "staging")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains(
            "environments/staging.yaml:2:10: api.image: api: image ghcr.io/acme/api:latest is not"
                + " pinned");
  }

  @Test
  void aValueTheCodeGaveIsStillTheCodesFault() throws IOException {
    write("staging", STAGING);

    assertThat(synth(new OwnSettingsStack(true), "staging")).isEqualTo(Main.VALIDATION_FAILED);

    assertThat(err)
        .contains("staging: nginx: outside development a stateless service runs at least 2")
        .doesNotContain("environments/staging.yaml:");
  }

  private void write(String environment, String content) throws IOException {
    Files.writeString(project.resolve("environments/" + environment + ".yaml"), content);
  }

  private int synth(OwnSettingsStack stack, String environment) {
    CliRun run = CliRun.synth(stack, project, environment);
    out = run.out();
    err = run.err();
    assertThat(project.resolve("dist")).as("nothing written:\n%s", out).doesNotExist();
    return run.code();
  }
}
