package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.cli.CliRun;
import io.stackwright.cli.Main;
import io.stackwright.model.ImageRef;
import io.stackwright.services.HttpService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.services.Nginx;
import io.stackwright.services.NginxProps;
import io.stackwright.services.NginxRoute;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistake in the stack's own code (a route to the edge's health check) is the code's: exit 1,
 * said once for every environment it breaks, with the line of the stack's class it was made at.
 */
class CodeMistakesTest {
  @TempDir Path project;

  /**
   * The settings.
   *
   * @param image the API's image
   */
  public record Settings(ImageRef image) {}

  /** A stack that routes to {@code /healthz}. */
  public static final class Shop implements StackDefinition<Settings> {
    @Override
    public String name() {
      return "shop";
    }

    @Override
    public void define(Stack stack, Settings settings) {
      HttpService api =
          HttpService.builder("api").props(HttpServiceProps.of(settings.image())).addTo(stack);
      new Nginx(
          stack,
          NginxProps.defaults(),
          List.of(NginxRoute.to(api.endpoint()).path("/healthz").build()));
    }
  }

  @Test
  void aMistakeInTheCodeIsSaidOnceWithItsLine() throws IOException {
    Files.createDirectories(project.resolve("environments"));
    for (String env : new String[] {"dev", "dev-alice"}) {
      Files.writeString(
          project.resolve("environments/" + env + ".yaml"), "image: ghcr.io/acme/api:1.0.0\n");
    }
    CliRun run = CliRun.synth(new Shop(), project, "all");

    assertThat(run.code()).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(run.err())
        .containsOnlyOnce("\"/healthz\" is the edge's own health check")
        .contains("dev, dev-alice: \"/healthz\" is the edge's own health check")
        .containsPattern("\\(at CodeMistakesTest\\.java:\\d+\\)");
  }
}
