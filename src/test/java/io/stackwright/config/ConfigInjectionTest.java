package io.stackwright.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.Memory;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The free-text values that reach nginx.conf, the content security policy and a route's response
 * headers, cannot change the file's structure whatever they hold: it is refused, or it ends up as
 * the literal text of one double-quoted header value and every other line is as without it.
 */
class ConfigInjectionTest {
  private static final EdgeRoute FRONTEND = EdgeRoute.to("/", "frontend", 8080);
  private static final String MARK = "default-src 'self' stackwright-mark";

  private static String edge(String policy) {
    return NginxConf.edge(
        new EdgeSettings(
            8080,
            List.of(FRONTEND),
            true,
            Memory.mebibytes(10),
            policy,
            List.of("10.0.0.0/8"),
            Cpu.millis(500)));
  }

  @Property(seed = "20261122")
  void aPolicyIsRefusedOrEmbeddedAsOneLiteralQuotedValue(@ForAll("policies") String policy) {
    String conf;
    try {
      conf = edge(policy);
    } catch (InvalidPropException e) {
      assertThat(e.key()).isEqualTo("contentSecurityPolicy");
      assertThat(isLiteral(policy))
          .as("refused only when nginx would not take it literally")
          .isFalse();
      return;
    }
    assertThat(isLiteral(policy)).as("accepted only when nginx takes it literally").isTrue();
    String line = "    add_header Content-Security-Policy \"" + policy + "\" always;";
    assertThat(conf.lines()).contains(line);
    assertThat(conf.replace(line, "")).isEqualTo(edge(MARK).replace(line(MARK), ""));
  }

  @Property(seed = "20261207")
  void aRouteHeaderIsRefusedOrEmbeddedAsOneLiteralQuotedValue(@ForAll("policies") String value) {
    String conf;
    try {
      conf = withHeader(value);
    } catch (InvalidPropException e) {
      assertThat(e.key()).isEqualTo("headers");
      assertThat(isLiteral(value))
          .as("refused only when nginx would not take it literally")
          .isFalse();
      return;
    }
    assertThat(isLiteral(value)).as("accepted only when nginx takes it literally").isTrue();
    String line = "      add_header X-Team \"" + value + "\" always;";
    assertThat(conf.lines()).contains(line);
    assertThat(conf.replace(line, ""))
        .isEqualTo(
            withHeader(MARK).replace("      add_header X-Team \"" + MARK + "\" always;", ""));
  }

  private static String withHeader(String value) {
    return NginxConf.edge(
        EdgeSettings.of(
            List.of(
                FRONTEND,
                new EdgeRoute(
                    "/api/",
                    "backend",
                    8080,
                    false,
                    List.of(),
                    null,
                    java.util.Map.of("X-Team", value),
                    null))));
  }

  /** One line of printable ASCII, none of which ends, escapes or interpolates an nginx string. */
  private static boolean isLiteral(String policy) {
    return !policy.isBlank()
        && policy.chars().allMatch(c -> c >= 0x20 && c <= 0x7e && "\"\\${}".indexOf(c) < 0);
  }

  private static String line(String policy) {
    return "    add_header Content-Security-Policy \"" + policy + "\" always;";
  }

  @Provide
  Arbitrary<String> policies() {
    Arbitrary<String> tokens =
        Arbitraries.of(
                "default-src",
                " ",
                "'self'",
                ";",
                "'none'",
                "\"",
                "\\",
                "$host",
                "${x}",
                "{",
                "}",
                "\n",
                "\r",
                "\t",
                "\u0000",
                "é",
                "#",
                "'",
                "add_header X 1",
                "location / {",
                "https://cdn.example.com",
                "*")
            .list()
            .ofMinSize(1)
            .ofMaxSize(12)
            .map(parts -> String.join("", parts));
    return Arbitraries.oneOf(tokens, Arbitraries.strings().ascii().ofMinLength(1).ofMaxLength(60));
  }
}
