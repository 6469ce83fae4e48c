package io.stackwright.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code stackwright init} writes. The example projects are projects it made: their build and
 * their snapshot test are exactly its, so CI building them proves the starter's build.
 */
class StarterTest {

  @ParameterizedTest
  @ValueSource(strings = {"tasks", "team"})
  void theExamplesBuildAndTestAsAProjectInitMakes(String example) throws IOException {
    Path project = InstalledTools.PROJECT.resolve("examples").resolve(example);
    Starter.Project made =
        new Starter.Project(project, example, "example." + example, "example." + example);

    Map<Path, String> files = Starter.files(made);

    assertThat(Files.readString(project.resolve("pom.xml")))
        .isEqualTo(files.get(Path.of("pom.xml")));
    assertThat(Files.readString(project.resolve(".gitignore")))
        .isEqualTo(files.get(Path.of(".gitignore")));
    Path test = Path.of("src/test/java/example", example, made.className() + "Test.java");
    assertThat(Files.readString(project.resolve(test))).isEqualTo(files.get(test));
  }

  @Test
  void theBuildPinsThisLibrarysVersionAndPassesEveryOptionToTheSynth() {
    String pom =
        Starter.files(Starter.Project.inFolder(Path.of("acme-shop"))).get(Path.of("pom.xml"));

    assertThat(pom)
        .contains("<stackwright.version>" + version() + "</stackwright.version>")
        .contains("<maven.compiler.release>17</maven.compiler.release>")
        .contains("<mainClass>com.example.acmeshop.AcmeShopStack</mainClass>")
        .contains("<argument>${cmd}</argument>", "<argument>${env}</argument>")
        .contains("<argument>${validate}</argument>", "<argument>--rebuild=${rebuild}</argument>")
        .doesNotContain("{{");
  }

  @Test
  void namesAreCheckedBeforeAnythingIsWritten() {
    assertThatThrownBy(() -> new Starter.Project(Path.of("x"), "-shop", "com.acme", "com.acme"))
        .hasMessageContaining("'-shop'");
    assertThatThrownBy(() -> new Starter.Project(Path.of("x"), "shop", "com.acme.int", "com.acme"))
        .hasMessageContaining("'com.acme.int' is not a Java package name");
    assertThatThrownBy(() -> new Starter.Project(Path.of("x"), "shop", "com.acme", "com acme"))
        .hasMessageContaining("'com acme' is not a Maven group id");
    assertThat(new Starter.Project(Path.of("x"), "a-b-c9", "p", "g").className())
        .isEqualTo("ABC9Stack");
  }

  /** The version this build makes, from its pom: the filtered resource must say the same. */
  private static String version() {
    try {
      String pom = Files.readString(InstalledTools.PROJECT.resolve("pom.xml"));
      var matcher =
          java.util.regex.Pattern.compile(
                  "<artifactId>stackwright</artifactId>\\s*<version>([^<]+)</version>")
              .matcher(pom);
      assertThat(matcher.find()).isTrue();
      return matcher.group(1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
