package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;

class YamlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x1f",
        "0X1F",
        "-0X1F",
        "0B11",
        "0O17",
        "+.INF",
        "0o17",
        "0b1",
        "017",
        "1e3",
        "1e-3",
        "1.5",
        "5432",
        "-1",
        "+1",
        ".inf",
        ".nan",
        "1:20",
        "true",
        "no",
        "On",
        "~",
        "null",
        "2026-11-22",
        "<<"
      })
  void stringsThatLookLikeOtherTypesStayStrings(String value) throws Exception {
    String yaml = Yaml.write(Map.of("value", value));

    // A YAML 1.1 reader, as kubectl and most tools still use, must read the string back.
    Object read =
        new org.yaml.snakeyaml.Yaml(new LoaderOptions())
            .<Map<String, Object>>load(yaml)
            .get("value");
    assertThat(read).as(yaml).isEqualTo(value);
    JsonNode jackson = new YAMLMapper().readTree(yaml).get("value");
    assertThat(jackson.isTextual()).as(yaml).isTrue();
    // Readers differ on what a plain scalar is (Go's take 0X1F for a number), so the writer quotes.
    assertThat(yaml).isIn("value: \"" + value + "\"\n", "value: '" + value + "'\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"postgres", "ghcr.io/acme/api:1.4.2", "250m", "10001:10001", "/health"})
  void ordinaryStringsAreNotQuoted(String value) {
    assertThat(Yaml.write(Map.of("value", value))).isEqualTo("value: " + value + "\n");
  }

  @org.junit.jupiter.api.Test
  void keysAreSortedAndMultiLineStringsAreLiteralBlocks() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("spec", Map.of("b", 1, "a", List.of("x")));
    document.put("kind", "ConfigMap");
    document.put("data", Map.of("nginx.conf", "events {}\nhttp {}\n"));

    assertThat(Yaml.writeAll(List.of(document)))
        .isEqualTo(
            "---\ndata:\n  nginx.conf: |\n    events {}\n    http {}\nkind: ConfigMap\nspec:\n"
                + "  a:\n    - x\n  b: 1\n");
  }
}
