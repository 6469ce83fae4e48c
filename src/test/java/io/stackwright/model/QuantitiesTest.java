package io.stackwright.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({"250m,250,250m,0.25", "0.5,500,500m,0.5", "2,2000,2,2", "1.25,1250,1250m,1.25"})
  void cpuParsesAndRendersForBothTargets(String text, long millis, String k8s, String compose) {
    Cpu cpu = Cpu.parse(text);
    assertThat(cpu.millis()).isEqualTo(millis);
    assertThat(cpu.toKubernetes()).isEqualTo(k8s);
    assertThat(cpu.toCompose()).isEqualTo(compose);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-1", "0", "0m", "1.2345", "250M", "1 core", "1e3"})
  void cpuRejectsWhatIsNotAnAmount(String text) {
    assertThatThrownBy(() -> Cpu.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "512Mi,512,512Mi,512m",
    "1024Mi,1024,1Gi,1g",
    "2Gi,2048,2Gi,2g",
    "1Ti,1048576,1Ti,1024g",
    "1.5Gi,1536,1536Mi,1536m",
    "0.5Ti,524288,512Gi,512g",
    "2.0Gi,2048,2Gi,2g"
  })
  void memoryParsesAndRendersForBothTargets(String text, long mib, String k8s, String compose) {
    Memory memory = Memory.parse(text);
    assertThat(memory.mebibytes()).isEqualTo(mib);
    assertThat(memory.toKubernetes()).isEqualTo(k8s);
    assertThat(memory.toCompose()).isEqualTo(compose);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "512X",
        "-1Gi",
        "0Mi",
        "500M",
        "1048576",
        "1.5Mi",
        ".5Gi",
        "Gi",
        "2000Ti",
        "0.0001Gi"
      })
  void memoryRejectsWhatIsNotABinaryAmount(String text) {
    assertThatThrownBy(() -> Memory.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(text);
  }

  @ParameterizedTest
  @CsvSource({"1.2Gi,1228.8Mi,1229Mi", "0.3Mi,0.3Mi,1Mi"})
  void aFractionThatIsNotWholeMebibytesSaysWhatItComesTo(String text, String exact, String near) {
    assertThatThrownBy(() -> Memory.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "\""
                + text
                + "\" is not a whole number of mebibytes ("
                + exact
                + "); write it in Mi,"
                + " such as "
                + near);
  }

  @ParameterizedTest
  @CsvSource({
    "postgres:16.6,postgres,16.6,,true",
    "ghcr.io/acme/shop-api:1.4.2,ghcr.io/acme/shop-api,1.4.2,,true",
    "localhost:5000/api,localhost:5000/api,,,false",
    "nginx:latest,nginx,latest,,false",
    "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,nginx,,"
        + "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef,true"
  })
  void imageReferencesFollowTheDistributionGrammar(
      String text, String name, String tag, String digest, boolean pinned) {
    ImageRef image = ImageRef.parse(text);
    assertThat(image.name()).isEqualTo(name);
    assertThat(image.tag()).isEqualTo(tag);
    assertThat(image.digest()).isEqualTo(digest);
    assertThat(image.isPinned()).isEqualTo(pinned);
    assertThat(image).hasToString(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "Nginx:1", "nginx:", "nginx:1 2", "a//b", "nginx@sha256:abc", "x;rm -rf"})
  void invalidImageReferencesAreRejected(String text) {
    assertThatThrownBy(() -> ImageRef.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
