package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.report.EnvironmentComparison;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Any service runs scheduled tasks, hardened like itself, reaching only what they name. */
class ScheduledTaskTest {

  private static StackModel stack() {
    Stack stack = new Stack("team", "prod", "team-prod", false);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    GenericService.builder("api")
        .image("ghcr.io/acme/api:2.0.0")
        .port("http", 8080)
        .httpProbe("/ready", "http")
        .replicas(2)
        .runAs(20001, 20001)
        .job(
            ScheduledTask.builder("nightly-report", "0 6 * * *")
                .command("java", "-cp", "/app/classes", "com.acme.Report")
                .env("REPORT_FORMAT", "csv")
                .secret(postgres.password(), "DB_PASSWORD_FILE")
                .connectsTo(postgres.endpoint())
                .summary("mails the daily report")
                .build())
        .addTo(stack);
    return stack.toModel();
  }

  @Test
  void aTaskRunsTheServicesImageAsItsUserAndReachesOnlyWhatItNames() {
    SynthOutput output = Synthesizer.render(stack());
    String api = output.text("api.yaml");

    assertThat(api)
        .contains("kind: CronJob")
        .contains("name: api-nightly-report")
        .contains("schedule: 0 6 * * *")
        .contains("image: ghcr.io/acme/api:2.0.0")
        .contains("runAsUser: 20001")
        .contains("- com.acme.Report")
        .contains("value: /run/secrets/postgres-password")
        .contains("readOnlyRootFilesystem: true");
    assertThat(output.text("compose/compose.yaml")).doesNotContain("nightly-report");
  }

  @Test
  void theComparisonListsItAmongTheScheduledJobs() {
    String markdown =
        EnvironmentComparison.markdown(
            List.of(new EnvironmentComparison.Column(stack(), List.of())));

    assertThat(markdown)
        .contains("| scheduled jobs | nightly-report at `0 6 * * *`, mails the daily report |");
  }

  @Test
  void aTaskRunsAsItsServicesUserWithAReadOnlyRootEvenWhenTheServicesIsWritable() {
    Stack stack = new Stack("team", "dev", "team-dev", true);
    GenericService.builder("api")
        .image("ghcr.io/acme/api:2.0.0")
        .port("http", 8080)
        .httpProbe("/ready", "http")
        .writableRootFilesystem("the image unpacks itself at start")
        .runAs(20001, 20002)
        .job(ScheduledTask.builder("report", "@daily").command("report").build())
        .addTo(stack);

    ContainerSecurity task = stack.toModel().service("api").jobs().get(0).security();

    assertThat(task).isEqualTo(new ContainerSecurity(20001, 20002));
  }

  @Test
  void aTaskIsCheckedAsItIsBuilt() {
    assertThatThrownBy(() -> ScheduledTask.builder("Report", "0 6 * * *").command("x").build())
        .hasMessageContaining("must be a DNS label");
    assertThatThrownBy(() -> ScheduledTask.builder("report", "0 25 * * *").command("x").build())
        .hasMessageContaining("hour \"25\"");
    assertThatThrownBy(() -> ScheduledTask.builder("report", "@daily").build())
        .hasMessageContaining("needs a command");
  }
}
