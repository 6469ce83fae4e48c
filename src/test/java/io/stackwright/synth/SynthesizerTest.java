package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.Cpu;
import io.stackwright.model.Endpoint;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.services.GenericService;
import io.stackwright.services.ServiceModels;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthesizerTest {
  @TempDir Path project;

  /** Props of a test stack whose services depend on each other in a circle. */
  public record CycleProps(String name) {}

  private static ServiceModel service(String name, String dependency) {
    GenericService.Builder builder = GenericService.builder(name);
    if (dependency != null) {
      builder.dependsOn(new Endpoint(dependency, 8080));
    }
    builder
        .component("worker")
        .image(ImageRef.parse("example/" + name + ":1"))
        .port("http", 8080)
        .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 10, 3, 3))
        .liveness(new Probe(new Probe.HttpGet("/live", 8080), 10, 3, 3))
        .resources(
            new Resources(
                Cpu.millis(100), Memory.mebibytes(64), Cpu.millis(100), Memory.mebibytes(64)));
    return ServiceModels.of(builder);
  }

  /** A stack whose environments are defined by {@code define}. */
  private static StackDefinition<CycleProps> stack(
      java.util.function.BiFunction<String, CycleProps, StackModel> define) {
    return new StackDefinition<>() {
      @Override
      public Class<CycleProps> propsType() {
        return CycleProps.class;
      }

      @Override
      public String name() {
        return "test";
      }

      @Override
      public void define(Stack stack, CycleProps props) {
        throw new AssertionError("model() is overridden");
      }

      /** Made by the test's own function, as a stack that bypasses define(Stack) would. */
      @Override
      public StackModel model(String environment, CycleProps props) {
        return define.apply(environment, props);
      }
    };
  }

  private static final StackDefinition<CycleProps> CYCLE =
      stack(
          (environment, props) -> {
            Stack stack = new Stack("cycle", environment, "cycle-" + environment, false);
            stack.add(service("a", "b"));
            stack.add(service("b", "a"));
            return stack.toModel();
          });

  /** A stack that builds every environment as a developer's, whatever its name. */
  private static final StackDefinition<CycleProps> ALWAYS_DEVELOPMENT =
      stack(
          (environment, props) -> {
            Stack stack = new Stack("px", environment, "px-" + environment, true);
            stack.add(service("a", null));
            return stack.toModel();
          });

  @Test
  void aStackCannotMakeAProductionEnvironmentADevelopersOne() throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/prod.yaml"), "name: prod\n");
    Synthesizer<CycleProps> synthesizer =
        new Synthesizer<>(ALWAYS_DEVELOPMENT, project, name -> null);

    assertThatThrownBy(() -> synthesizer.synthesize(List.of("prod")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.failures())
                    .singleElement()
                    .asString()
                    .startsWith("prod: the stack is built as a development environment")
                    .contains("isDevelopment(\"prod\") is false")
                    .contains("pass isDevelopment(environment) to new Stack(...)"));
  }

  @Test
  void aStackThatCannotBeBuiltIsAValidationFailureNamingTheEnvironment() throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/qa.yaml"), "name: qa\n");
    Synthesizer<CycleProps> synthesizer = new Synthesizer<>(CYCLE, project, name -> null);

    assertThatThrownBy(() -> synthesizer.synthesize(List.of("qa")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.failures())
                    .singleElement()
                    .asString()
                    // With the line of the stack's own code that made it.
                    .matches(
                        "qa: dependency cycle: a -> b -> a \\(at SynthesizerTest\\.java:\\d+\\)"));
  }

  @Test
  void aValueTheCodeSetsThatAStackRefusesIsTheCodesFaultNotAFilesLine() throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/qa.yaml"), "name: qa\n");
    StackDefinition<CycleProps> refusing =
        stack(
            (environment, props) -> {
              throw new io.stackwright.env.InvalidPropException(
                  "routes", "two routes have one prefix", "give each its own");
            });

    assertThatThrownBy(
            () -> new Synthesizer<>(refusing, project, name -> null).synthesize(List.of("qa")))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.failures())
                    .singleElement()
                    .asString()
                    .startsWith("qa: two routes have one prefix; give each its own (at "));

    StackDefinition<CycleProps> refusingTheFile =
        stack(
            (environment, props) -> {
              throw new io.stackwright.env.InvalidPropException(
                  "name", "this name is taken", "choose another");
            });
    assertThatThrownBy(
            () ->
                new Synthesizer<>(refusingTheFile, project, name -> null).synthesize(List.of("qa")))
        .isInstanceOfSatisfying(
            io.stackwright.env.EnvironmentException.class,
            e ->
                assertThat(e.problems().get(0).format())
                    .isEqualTo(
                        "environments/qa.yaml:1:7: name: this name is taken; choose another"));
  }

  @Test
  void aBugPassesAsItIsNeitherBadInputNorAFailedCheck() throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/qa.yaml"), "name: qa\n");
    StackDefinition<CycleProps> buggy =
        stack(
            (environment, props) -> {
              throw new IllegalStateException("a state the code never expected");
            });
    Synthesizer<CycleProps> synthesizer = new Synthesizer<>(buggy, project, name -> null);

    assertThatThrownBy(() -> synthesizer.synthesize(List.of("qa")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a state the code never expected");
  }

  @Test
  void aBugOfAnEnvironmentNotSelectedIsNotSwallowed() throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/qa.yaml"), "name: qa\n");
    Files.writeString(project.resolve("environments/prod.yaml"), "name: prod\n");
    StackDefinition<CycleProps> buggyInProd =
        stack(
            (environment, props) -> {
              if (environment.equals("prod")) {
                throw new IllegalStateException("prod's code path");
              }
              Stack stack = new Stack("px", environment, "px-" + environment, false);
              stack.add(service("a", null));
              return stack.toModel();
            });
    Synthesizer<CycleProps> synthesizer = new Synthesizer<>(buggyInProd, project, name -> null);

    assertThatThrownBy(() -> synthesizer.synthesize(List.of("qa")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("prod's code path");
  }
}
