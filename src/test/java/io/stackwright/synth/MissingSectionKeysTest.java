package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.CliRun;
import io.stackwright.cli.Main;
import io.stackwright.services.Frontend;
import io.stackwright.services.FrontendProps;
import io.stackwright.services.HttpService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A section a construct needs that the environment file leaves out is bad input at the stack's own
 * key for it ({@code web}), not at the service's name ({@code frontend}), which the file cannot
 * even hold.
 */
class MissingSectionKeysTest {
  @TempDir Path project;
  private String err;

  /**
   * A stack whose sections are named otherwise than its services.
   *
   * @param web the app, the built-in frontend
   * @param payments one API
   * @param orders another API
   */
  public record Settings(FrontendProps web, HttpServiceProps payments, HttpServiceProps orders) {}

  /** The stack. */
  public static final class Shop implements StackDefinition<Settings> {
    @Override
    public String name() {
      return "shop";
    }

    @Override
    public void define(Stack stack, Settings settings) {
      new Frontend(stack, settings.web());
      HttpService.builder("payments-api").props(settings.payments()).addTo(stack);
      HttpService.builder("orders-api").props(settings.orders()).addTo(stack);
    }
  }

  @Test
  void aMissingSectionIsBadInputAtTheStacksOwnKey() throws IOException {
    write("payments: {image: ghcr.io/acme/payments:1.0.0}\norders: {image: ghcr.io/acme/o:1.0}\n");

    assertThat(synth()).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains(
            "environments/dev.yaml:1:1: web: missing required key \"web\"; add a section web: with"
                + " at least the app's image")
        .doesNotContain("frontend");
  }

  @Test
  void theOneEmptySectionOfItsTypeIsTheOneMissing() throws IOException {
    write("web: {image: ghcr.io/acme/web:1.0.0}\norders: {image: ghcr.io/acme/o:1.0}\n");

    assertThat(synth()).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("environments/dev.yaml:1:1: payments: missing required key");
  }

  @Test
  void twoEmptySectionsOfItsTypeCannotBeToldApartAndNameTheService() throws IOException {
    write("web: {image: ghcr.io/acme/web:1.0.0}\n");

    assertThat(synth()).isEqualTo(Main.VALIDATION_FAILED);

    assertThat(err).contains("missing required key \"payments-api\"");
  }

  private void write(String content) throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/dev.yaml"), content);
  }

  private int synth() {
    CliRun run = CliRun.synth(new Shop(), project, "dev");
    err = run.err();
    return run.code();
  }
}
