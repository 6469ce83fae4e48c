package io.stackwright.env;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stackwright.env.Model.Cpu;
import io.stackwright.env.Model.Environment;
import io.stackwright.env.Model.Flags;
import io.stackwright.env.Model.Grid;
import io.stackwright.env.Model.LogLevel;
import io.stackwright.env.Model.Port;
import io.stackwright.env.Model.Service;
import io.stackwright.env.Model.Strict;
import io.stackwright.env.Model.Tree;
import io.stackwright.env.Model.WithOptional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentLoaderTest {

  private static final Map<String, String> VARIABLES =
      Map.of("BACKEND_TAG", "1.4.2", "REPLICAS", "7", "INDIRECT", "${BACKEND_TAG}", "BLANK", "");

  private static final String SERVICE_KEYS =
      "image, replicas, debug, logLevel, ports, env, resources";
  private static final String ENVIRONMENT_KEYS = "name, services, domains, budget, ratio";

  private final EnvironmentLoader loader = new EnvironmentLoader(VARIABLES::get);

  // --- binding valid files ---

  @Test
  void validFileBindsEveryKindOfComponent() throws EnvironmentException {
    Environment env =
        load(
            """
            name: prod
            services:
              backend:
                image: registry/backend:${BACKEND_TAG}
                replicas: 3
                debug: false
                logLevel: very-verbose
                ports:
                  - name: http
                    port: 8080
                  - name: metrics
                    port: 9090
                env:
                  ZED: last
                  ALPHA: first
                  FEATURE: on
                resources:
                  cpu: 500m
                  memory: 1.0
              frontend:
                image: nginx
            domains: [example.com, www.example.com]
            budget: 5000000000
            ratio: 0.25
            """);

    assertThat(env.name()).isEqualTo("prod");
    assertThat(env.services()).containsOnlyKeys("backend", "frontend");
    assertThat(env.services().keySet()).containsExactly("backend", "frontend");
    Service backend = env.services().get("backend");
    assertThat(backend.image()).isEqualTo("registry/backend:1.4.2");
    assertThat(backend.replicas()).isEqualTo(3);
    assertThat(backend.debug()).isFalse();
    assertThat(backend.logLevel()).isEqualTo(LogLevel.VERY_VERBOSE);
    assertThat(backend.ports()).containsExactly(new Port("http", 8080), new Port("metrics", 9090));
    assertThat(backend.env().keySet()).containsExactly("ZED", "ALPHA", "FEATURE");
    assertThat(backend.env()).containsEntry("FEATURE", "on");
    assertThat(backend.resources().cpu()).isEqualTo(new Cpu(500));
    assertThat(backend.resources().memory()).isEqualTo("1.0");
    assertThat(env.domains()).containsExactly("example.com", "www.example.com");
    assertThat(env.budget()).isEqualTo(5_000_000_000L);
    assertThat(env.ratio()).isEqualTo(0.25);
  }

  @Test
  void missingKeysTakeTheDefaultsOfTheCompactConstructor() throws EnvironmentException {
    Environment env = load("services:\n  web:\n    image: nginx\n");

    Service web = env.services().get("web");
    assertThat(web.replicas()).isEqualTo(1);
    assertThat(web.logLevel()).isEqualTo(LogLevel.INFO);
    assertThat(web.ports()).isEmpty();
    assertThat(env.name()).isNull();
    assertThat(env.domains()).isNull();
  }

  @Test
  void boundCollectionsAreUnmodifiable() throws EnvironmentException {
    Environment env = load("services:\n  web:\n    image: nginx\n    env: {A: b}\ndomains: [a]\n");

    assertThatThrownBy(() -> env.services().put("x", null))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> env.services().get("web").env().put("C", "d"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> env.domains().add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void stringsKeepYaml11BooleansAndNumbersAsText() throws EnvironmentException {
    Environment env =
        load(
            """
            name: no
            domains: [on, yes, 1.0, 010, 0x10, ~x]
            """);

    assertThat(env.name()).isEqualTo("no");
    assertThat(env.domains()).containsExactly("on", "yes", "1.0", "010", "0x10", "~x");
  }

  @Test
  void aliasesWithinTheLimitsBind() throws EnvironmentException {
    Environment env =
        load(
            """
            services:
              a: &svc
                image: app
                ports: [{name: http, port: 80}]
              b: *svc
            """);

    assertThat(env.services().get("b")).isEqualTo(env.services().get("a"));
  }

  // --- unknown, duplicate, missing and empty keys ---

  @Test
  void unknownTopLevelKeySuggestsTheClosestKey() {
    List<Problem> problems = problems("name: prod\ndomain: [a]\n");

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                2,
                1,
                "domain",
                "unknown key \"domain\"",
                "did you mean \"domains\"? Valid keys here: " + ENVIRONMENT_KEYS + "."));
  }

  @Test
  void unknownNestedKeySuggestsTheClosestKey() {
    List<Problem> problems =
        problems(
            """
            services:
              backend:
                image: app
                replcas: 3
            """);

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                4,
                5,
                "services.backend.replcas",
                "unknown key \"replcas\"",
                "did you mean \"replicas\"? Valid keys here: " + SERVICE_KEYS + "."));
  }

  @Test
  void misspelledKeyInsideAListItemHasAnIndexedPath() {
    List<Problem> problems =
        problems(
            """
            services:
              backend:
                image: app
                ports:
                  - name: http
                    port: 80
                  - nmae: metrics
                    port: 9090
            """);

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::keyPath, Problem::hint)
        .containsExactly(
            tuple(
                7,
                9,
                "services.backend.ports[1].nmae",
                "did you mean \"name\"? Valid keys here: name, port."));
  }

  @Test
  void unknownKeyFarFromEveryNameOnlyListsTheValidKeys() {
    List<Problem> problems = problems("colour: red\n");

    assertThat(problems)
        .extracting(Problem::message, Problem::hint)
        .containsExactly(
            tuple("unknown key \"colour\"", "Valid keys here: " + ENVIRONMENT_KEYS + "."));
  }

  @Test
  void duplicateKeyNamesBothLinesAndKeepsTheFirstValue() {
    List<Problem> problems =
        problems(
            """
            name: prod
            services:
              web:
                image: app
                replicas: 2
                replicas: many
            name: other
            """);

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                6,
                5,
                "services.web.replicas",
                "duplicate key \"replicas\" (first at line 5)",
                "remove one of them"),
            tuple(7, 1, "name", "duplicate key \"name\" (first at line 1)", "remove one of them"));
  }

  @Test
  void missingRequiredPrimitiveIsReportedAtTheMapping() {
    List<Problem> problems = problems(Flags.class, "mode: fast\n");

    assertThatLocated(problems)
        .containsExactly(
            tuple(1, 1, "", "missing required key \"tls\""),
            tuple(1, 1, "", "missing required key \"workers\""));
  }

  @Test
  void primitivesBindWhenPresent() throws EnvironmentException {
    Flags flags = loader.load("flags.yaml", "tls: true\nworkers: 4\n".getBytes(UTF_8), Flags.class);

    assertThat(flags).isEqualTo(new Flags(true, 4, null));
  }

  @Test
  void explicitNullIsAProblemInEveryForm() {
    List<Problem> problems =
        problems(
            """
            services:
              web:
                image:
                replicas: null
                debug: ~
                env:
                  EMPTY:
            """);

    assertThat(problems)
        .extracting(Problem::line, Problem::keyPath, Problem::message)
        .containsExactly(
            tuple(3, "services.web.image", "\"image\" has no value"),
            tuple(4, "services.web.replicas", "\"replicas\" has no value"),
            tuple(5, "services.web.debug", "\"debug\" has no value"),
            tuple(7, "services.web.env.EMPTY", "\"EMPTY\" has no value"));
    assertThat(problems.get(0).hint())
        .isEqualTo("give it a value or remove the key to use the default");
  }

  @Test
  void aTagThatChangesNothingIsAcceptedAndOneThatChangesTheMeaningIsNot()
      throws EnvironmentException {
    Environment env = load("name: !!str web\ndomains: !!seq [!!str a]\n");
    assertThat(env.name()).isEqualTo("web");

    assertThat(problems("name: !!str 3\n"))
        .extracting(Problem::message)
        .containsExactly(
            "the YAML tag !!str would make this value mean something else than it reads, and tags"
                + " are not supported");
    assertThat(problems("name: !!binary aGk=\n"))
        .extracting(Problem::keyPath)
        .containsExactly("name");
    assertThat(problems("name: !web x\n")).extracting(Problem::keyPath).containsExactly("name");
    assertThat(problems("name: !<tag:example.com,2026:x> x\n"))
        .extracting(Problem::keyPath)
        .containsExactly("name");
  }

  @Test
  void aVariablesValueIsNeverQuotedInAProblem() {
    EnvironmentLoader withSecret =
        new EnvironmentLoader(name -> name.equals("CI_TOKEN") ? "ghp_SuperSecret123" : null);

    EnvironmentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            EnvironmentException.class,
            () ->
                withSecret.load(
                    "env.yaml",
                    "budget: ${CI_TOKEN}\nname: x-${CI_TOKEN}-y\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Model.Environment.class));

    assertThat(e.problems()).isNotEmpty();
    assertThat(e.problems())
        .allSatisfy(
            p ->
                assertThat(p.message() + p.hint())
                    .doesNotContain("ghp_SuperSecret123")
                    .doesNotContain("SuperSecret"));
    assertThat(e.problems().get(0).message()).contains("${CI_TOKEN}");
  }

  @Test
  void complexKeyIsAProblem() {
    List<Problem> problems = problems("name: a\n? [x, y]\n: z\n");

    assertThatLocated(problems).containsExactly(tuple(2, 3, "", "expected a key name, got a list"));
  }

  @Test
  void mergeKeyIsNotSupported() {
    List<Problem> problems =
        problems(
            """
            services:
              base: &base
                image: app
                replicas: 2
              web:
                <<: *base
                image: app
            """);

    assertThatLocated(problems)
        .containsExactly(tuple(6, 5, "services.web.<<", "merge keys (<<) are not supported"));
  }

  // --- wrong types ---

  @Test
  void stringWhereIntegerExpected() {
    List<Problem> problems = problems("services:\n  web:\n    image: app\n    replicas: three\n");

    assertThatLocated(problems)
        .containsExactly(
            tuple(4, 15, "services.web.replicas", "expected an integer, got the string \"three\""));
  }

  @Test
  void mappingWhereScalarExpected() {
    List<Problem> problems = problems("services:\n  web:\n    image: {name: app}\n");

    assertThatLocated(problems)
        .containsExactly(tuple(3, 12, "services.web.image", "expected a string, got a mapping"));
  }

  @Test
  void scalarWhereMappingExpected() {
    List<Problem> problems = problems("services:\n  web:\n    image: app\n    resources: big\n");

    assertThatLocated(problems)
        .containsExactly(
            tuple(
                4,
                16,
                "services.web.resources",
                "expected a mapping with keys cpu, memory, got the string \"big\""));
  }

  @Test
  void listWhereMappingExpectedAndMappingWhereListExpected() {
    List<Problem> problems = problems("services: [a]\ndomains: {a: b}\n");

    assertThat(problems)
        .extracting(Problem::keyPath, Problem::message)
        .containsExactly(
            tuple("services", "expected a mapping, got a list"),
            tuple("domains", "expected a list, got a mapping"));
  }

  @Test
  void quotedIntegerIsRejected() {
    List<Problem> problems = problems("services:\n  web:\n    image: app\n    replicas: \"3\"\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message, Problem::hint)
        .containsExactly(
            tuple(4, 15, "expected an integer, got the string \"3\"", "remove the quotes"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x10", "1_000", "2.5", "1e3", "010"})
  void integerMustBeAPlainDecimal(String written) {
    List<Problem> problems =
        problems("services:\n  web:\n    image: app\n    replicas: " + written + "\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.keyPath()).isEqualTo("services.web.replicas");
              assertThat(p.message()).startsWith("expected an integer").contains(written);
            });
  }

  @Test
  void integerOutOfRangeForInt() {
    List<Problem> problems =
        problems("services:\n  web:\n    image: app\n    replicas: 3000000000\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(
            tuple(4, 15, "3000000000 is out of range for an integer (-2147483648 to 2147483647)"));
  }

  @Test
  void yesAndOnAreNotBooleans() {
    List<Problem> problems =
        problems(
            """
            services:
              a:
                image: app
                debug: yes
              b:
                image: app
                debug: on
              c:
                image: app
                debug: "true"
            """);

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                4,
                12,
                "services.a.debug",
                "expected true or false, got the string \"yes\"",
                "use true or false"),
            tuple(
                7,
                12,
                "services.b.debug",
                "expected true or false, got the string \"on\"",
                "use true or false"),
            tuple(
                10,
                12,
                "services.c.debug",
                "expected true or false, got the string \"true\"",
                "remove the quotes"));
  }

  @Test
  void unknownEnumValueListsTheAllowedValues() {
    List<Problem> problems = problems("services:\n  web:\n    image: app\n    logLevel: degub\n");

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                4,
                15,
                "services.web.logLevel",
                "unknown value \"degub\"",
                "did you mean \"debug\"? Allowed values: debug, info, warn, very-verbose."));
  }

  @Test
  void enumConstantNameIsNotAccepted() {
    List<Problem> problems = problems("services:\n  web:\n    image: app\n    logLevel: DEBUG\n");

    assertThat(problems)
        .singleElement()
        .extracting(Problem::message)
        .isEqualTo("unknown value \"DEBUG\"");
  }

  @Test
  void valueTypeParseFailureIsReportedAtTheScalar() {
    List<Problem> problems =
        problems("services:\n  web:\n    image: app\n    resources:\n      cpu: lots\n");

    assertThatLocated(problems)
        .containsExactly(
            tuple(
                5,
                12,
                "services.web.resources.cpu",
                "invalid CPU quantity \"lots\"; use cores (2) or millicores (500m)"));
  }

  // --- checks in compact constructors ---

  @Test
  void invalidPropExceptionIsReportedAtItsKey() {
    List<Problem> problems =
        problems(
            """
            name: prod
            services:
              web:
                image: app
                replicas: 500
              api:
                image: app
                ports:
                  - name: http
                    port: 70000
            """);

    assertThatProblems(problems)
        .containsExactly(
            tuple(5, 15, "services.web.replicas", "replicas must be between 1 and 50, got 500", ""),
            tuple(
                10,
                15,
                "services.api.ports[0].port",
                "port 70000 is out of range",
                "use a port from 1 to 65535"));
  }

  @Test
  void constructorIsNotCalledWhenAChildHasProblems() {
    // The out-of-range replicas would be rejected by Service's constructor, but the bad port below
    // it means the Service is never constructed.
    List<Problem> problems =
        problems(
            """
            services:
              web:
                image: app
                replicas: 500
                ports: [{name: http, port: 0}]
            """);

    assertThat(problems).extracting(Problem::keyPath).containsExactly("services.web.ports[0].port");
  }

  @Test
  void invalidPropExceptionForAnAbsentKeyIsReportedAtTheMapping() {
    List<Problem> problems = problems("services:\n  web:\n    replicas: 2\n");

    assertThatLocated(problems)
        .containsExactly(tuple(3, 5, "services.web.image", "image is required"));
  }

  @Test
  void otherConstructorExceptionsAreReportedAtTheMapping() {
    List<Problem> problems = problems(Strict.class, "{}\n");

    assertThatLocated(problems).containsExactly(tuple(1, 1, "", "name is required"));
  }

  // --- malformed files ---

  @Test
  void unclosedBracketReportsLineAndColumn() {
    List<Problem> problems = problems("name: prod\ndomains: [a, b\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.column()).isEqualTo(1);
              assertThat(p.keyPath()).isEmpty();
              assertThat(p.message())
                  .isEqualTo(
                      "invalid YAML: expected ',' or ']', but got <stream end>"
                          + " (while parsing a flow sequence that starts at line 2, column 10)");
              assertThat(p.hint()).isEqualTo("check that every '[' has a matching ']'");
            });
  }

  @Test
  void tabIndentationReportsLineAndColumn() {
    List<Problem> problems = problems("name: prod\nservices:\n  web:\n\timage: app\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message, Problem::hint)
        .containsExactly(
            tuple(
                4,
                1,
                "invalid YAML: found a tab character where YAML does not allow one",
                "indent with spaces, not tabs"));
  }

  @Test
  void syntaxErrorMessagesNameNoJavaClasses() {
    List<Problem> problems = problems("name: prod\n  bad: 1\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(2);
              assertThat(p.message())
                  .startsWith("invalid YAML: ")
                  .doesNotContain("org.yaml", "Exception");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "# nothing here yet\n# still nothing\n", "---\n"})
  void emptyFileListsTheExpectedKeys(String content) {
    List<Problem> problems = problems(content);

    assertThatLocated(problems)
        .containsExactly(
            tuple(
                1, 1, "", "the file is empty; expected a mapping with keys: " + ENVIRONMENT_KEYS));
  }

  @Test
  void rootThatIsNotAMappingIsAProblem() {
    List<Problem> problems = problems("- a\n- b\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(
            tuple(1, 1, "expected a mapping with keys " + ENVIRONMENT_KEYS + ", got a list"));
  }

  @Test
  void secondDocumentIsReportedAtItsStart() {
    List<Problem> problems = problems("name: a\n---\nname: b\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(tuple(2, 1, "the file holds more than one YAML document"));
  }

  @Test
  void invalidUtf8NamesTheLine() {
    byte[] content = bytes("name: prod\nservices: {}\nratio: ", new byte[] {(byte) 0xFF}, "\n");

    List<Problem> problems = problems(Environment.class, content);

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(
            tuple(
                3,
                8,
                "the file is not valid UTF-8: byte 0xFF on line 3"
                    + " is not part of a valid character"));
  }

  @Test
  void truncatedUtf8SequenceAtTheEndIsReported() {
    byte[] content = bytes("name: caf", new byte[] {(byte) 0xC3});

    assertThat(problems(Environment.class, content))
        .extracting(Problem::line, Problem::column)
        .containsExactly(tuple(1, 10));
  }

  @Test
  void controlCharacterIsReportedAtItsPosition() {
    List<Problem> problems = problems("name: prod\ndomains: [a\u0007b]\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(tuple(2, 12, "the file contains the control character U+0007"));
  }

  // --- limits ---

  @Test
  void fileOverOneMebibyteIsRejectedBeforeParsing() {
    byte[] content = new byte[1024 * 1024 + 1];
    Arrays.fill(content, (byte) '#');

    List<Problem> problems = problems(Environment.class, content);

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(
            tuple(
                1, 1, "the file is too large: 1048577 bytes, the limit is 1048576 bytes (1 MiB)"));
  }

  @Test
  void fileOverOneMebibyteOnDiskIsRejectedBeforeReading(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("huge.yaml");
    Files.write(file, new byte[2 * 1024 * 1024]);

    assertThatThrownBy(() -> loader.load(file, Environment.class))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::file, Problem::message)
                    .containsExactly(
                        tuple(
                            file.toString(),
                            "the file is too large: 2097152 bytes, the limit is 1048576 bytes"
                                + " (1 MiB)")));
  }

  @Test
  void billionLaughsIsRejectedBeforeExpansion() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    String previous = "a";
    for (char level = 'b'; level <= 'i'; level++) {
      yaml.append(level).append(": &").append(level).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ",").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = String.valueOf(level);
    }

    List<Problem> problems = problems(yaml.toString());

    // Aliases 1-9 are on line 2, 10-18 on line 3; the 21st is the third one on line 4.
    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(tuple(4, 14, "the file uses more than 20 aliases of lists or mappings"));
    assertThat(problems.get(0).hint()).contains("billion laughs");
  }

  @Test
  void nestingDeeperThanTheLimitIsRejected() {
    String deep = "[".repeat(40) + "]".repeat(40);

    List<Problem> problems = problems("domains: " + deep + "\n");

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.line()).isEqualTo(1);
              assertThat(p.message())
                  .isEqualTo("the file nests lists and mappings more than 32 deep");
            });
  }

  @Test
  void aliasExpansionIsCapped() {
    StringBuilder yaml = new StringBuilder("rows:\n  - &row [");
    yaml.append("a,".repeat(100_000)).append("a]\n");
    for (int i = 0; i < 19; i++) {
      yaml.append("  - *row\n");
    }

    List<Problem> problems = problems(Grid.class, yaml.toString());

    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message())
                  .isEqualTo("the file expands to more than 1000000 values through aliases");
              assertThat(p.line()).isBetween(3, 21);
              assertThat(p.column()).isEqualTo(5);
            });
  }

  // --- aliases ---

  @Test
  void valueReachedThroughAnAliasIsReportedAtTheAlias() {
    List<Problem> problems =
        problems(
            """
            services:
              a:
                image: app
                replicas: &many 500
              b:
                image: app
                replicas: *many
              c: &broken
                image: app
                resources: {cpu: lots}
              d: *broken
            """);

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::keyPath)
        .containsExactly(
            tuple(4, 15, "services.a.replicas"),
            tuple(7, 15, "services.b.replicas"),
            tuple(10, 22, "services.c.resources.cpu"),
            tuple(11, 6, "services.d.resources.cpu"));
  }

  @Test
  void aliasInsideItsOwnAnchorIsReported() {
    List<Problem> problems =
        problems(Tree.class, "name: root\nchildren: &kids\n  - name: leaf\n    children: *kids\n");

    assertThatLocated(problems)
        .containsExactly(
            tuple(4, 15, "children[0].children", "this value contains itself through an alias"));
  }

  @Test
  void undefinedAliasIsASyntaxProblem() {
    List<Problem> problems = problems("name: *nowhere\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::message)
        .containsExactly(tuple(1, 7, "invalid YAML: found undefined alias nowhere"));
  }

  // --- variables ---

  @Test
  void everyMissingVariableIsReported() {
    List<Problem> problems =
        problems(
            """
            name: ${ENV_NAME}
            services:
              web:
                image: ${REGISTRY}/web:${WEB_TAG}
            """);

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                1,
                7,
                "name",
                "variable ${ENV_NAME} is not set (or is empty)",
                "export ENV_NAME=... or write ${ENV_NAME:-default}"),
            tuple(
                4,
                12,
                "services.web.image",
                "variable ${REGISTRY} is not set (or is empty)",
                "export REGISTRY=... or write ${REGISTRY:-default}"),
            tuple(
                4,
                12,
                "services.web.image",
                "variable ${WEB_TAG} is not set (or is empty)",
                "export WEB_TAG=... or write ${WEB_TAG:-default}"));
  }

  @Test
  void aRequiredVariableGivesItsOwnMessageWhenUnsetAndItsValueWhenSet()
      throws EnvironmentException {
    List<Problem> problems = problems("name: ${ENV_NAME:?set ENV_NAME in CI}\n");

    assertThatProblems(problems)
        .containsExactly(
            tuple(
                1,
                7,
                "name",
                "variable ${ENV_NAME} is not set (or is empty): set ENV_NAME in CI",
                "export ENV_NAME=... or write ${ENV_NAME:-default}"));
    assertThat(load("name: app-${BACKEND_TAG:?needed}\n").name()).isEqualTo("app-1.4.2");
  }

  @Test
  void variableDefaultIsUsedOnlyWhenTheVariableIsUnset() throws EnvironmentException {
    Environment env =
        load("name: ${ENV_NAME:-staging}\ndomains: ['${BACKEND_TAG:-none}', '${EMPTY:-}']\n");

    assertThat(env.name()).isEqualTo("staging");
    assertThat(env.domains()).containsExactly("1.4.2", "");
  }

  @Test
  void aVariableSetToTheEmptyStringCountsAsUnset() throws EnvironmentException {
    assertThat(load("name: ${BLANK:-fallback}\n").name()).isEqualTo("fallback");
    assertThatThrownBy(() -> load("name: app-${BLANK}\n"))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e ->
                assertThat(e.problems().get(0).message())
                    .isEqualTo("variable ${BLANK} is not set (or is empty)"));
  }

  @Test
  void doubledDollarIsALiteralReference() throws EnvironmentException {
    Environment env = load("name: $${BACKEND_TAG}\ndomains:\n  - cost-$5\n  - $${X:-y}\n");

    assertThat(env.name()).isEqualTo("${BACKEND_TAG}");
    assertThat(env.domains()).containsExactly("cost-$5", "${X:-y}");
  }

  @Test
  void substitutedValuesAreNotSubstitutedAgain() throws EnvironmentException {
    assertThat(load("name: ${INDIRECT}\n").name()).isEqualTo("${BACKEND_TAG}");
  }

  @Test
  void plainScalarIsTypedByItsSubstitutedText() throws EnvironmentException {
    Environment env =
        load(
            """
            services:
              set:
                image: app
                replicas: ${REPLICAS:-2}
              unset:
                image: app
                replicas: ${NOT_SET:-2}
            """);

    assertThat(env.services().get("set").replicas()).isEqualTo(7);
    assertThat(env.services().get("unset").replicas()).isEqualTo(2);
  }

  @Test
  void quotedVariableInAnIntegerFieldIsStillQuoted() {
    List<Problem> problems =
        problems("services:\n  web:\n    image: a\n    replicas: \"${REPLICAS}\"\n");

    assertThat(problems)
        .extracting(Problem::message, Problem::hint)
        .containsExactly(tuple("expected an integer, got the string \"7\"", "remove the quotes"));
  }

  @Test
  void keysAreNeverSubstituted() {
    List<Problem> problems = problems("${BACKEND_TAG}: x\n");

    assertThat(problems).extracting(Problem::keyPath).containsExactly("${BACKEND_TAG}");
  }

  // --- reporting ---

  @Test
  void severalProblemsAreAllReportedSortedByLine() {
    // Components are bound in declaration order (name, services, domains, budget, ratio); the
    // problems still come out in file order.
    List<Problem> problems =
        problems(
            """
            ratio: high
            budget: "100"
            services:
              web:
                imgae: app
                replicas: 0
            domains: {a: b}
            name: [x]
            """);

    // The misspelled key leaves image unset, which Service's constructor then rejects as well.
    assertThat(problems)
        .extracting(Problem::line, Problem::keyPath)
        .containsExactly(
            tuple(1, "ratio"),
            tuple(2, "budget"),
            tuple(5, "services.web.imgae"),
            tuple(5, "services.web.image"),
            tuple(7, "domains"),
            tuple(8, "name"));
  }

  @Test
  void problemsAreCappedAtOneThousand() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 1500; i++) {
      yaml.append("unknown").append(i).append(": x\n");
    }

    List<Problem> problems = problems(yaml.toString());

    assertThat(problems).hasSize(1001);
    assertThat(problems.get(1000).message()).isEqualTo("too many problems; stopped after 1000");
    assertThat(problems.get(1000).line()).isEqualTo(1001);
  }

  @Test
  void byteOrderMarkAndWindowsLineEndingsAreAccepted() {
    byte[] content =
        bytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "name: a\r\nbudget: x\r\n");

    assertThat(problems(Environment.class, content))
        .extracting(Problem::line, Problem::column, Problem::keyPath)
        .containsExactly(tuple(2, 9, "budget"));
  }

  @Test
  void formatIsGccStyle() {
    List<Problem> problems =
        exception(
                "environments/prod.yaml",
                bytes("name: prod\nservices:\n  backend:\n    image: app\n    replcas: 3\n"),
                Environment.class)
            .problems();

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).format())
        .isEqualTo(
            "environments/prod.yaml:5:5: services.backend.replcas: unknown key \"replcas\";"
                + " did you mean \"replicas\"? Valid keys here: "
                + SERVICE_KEYS
                + ".");
  }

  @Test
  void formatPrintsTheRootAndLeavesOutAnEmptyHint() {
    Problem problem = new Problem("a.yaml", 1, 1, "", "the file is empty", "");

    assertThat(problem.format()).isEqualTo("a.yaml:1:1: (root): the file is empty");
  }

  @Test
  void exceptionMessageHasOneLinePerProblemInFileOrder() {
    EnvironmentException e =
        exception("budget: x\nname: [a]\nratio: {}\n".getBytes(UTF_8), Environment.class);

    assertThat(e.getMessage().split("\n"))
        .containsExactlyElementsOf(e.problems().stream().map(Problem::format).toList());
    assertThat(e.problems()).extracting(Problem::line).containsExactly(1, 2, 3);
  }

  // --- files and programming errors ---

  @Test
  void loadsFromAPathAndNamesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("dev.yaml");
    Files.writeString(file, "name: dev\nbudget: x\n");
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "name: dev\n");

    assertThat(loader.load(good, Environment.class).name()).isEqualTo("dev");
    assertThatThrownBy(() -> loader.load(file, Environment.class))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e ->
                assertThat(e.problems().get(0).format())
                    .isEqualTo(
                        file
                            + ":2:9: budget: expected an integer, got the string \"x\";"
                            + " write a decimal integer such as 3"));
  }

  @Test
  void missingFileIsAProblem(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    assertThatThrownBy(() -> loader.load(file, Environment.class))
        .isInstanceOfSatisfying(
            EnvironmentException.class,
            e ->
                assertThat(e.problems())
                    .extracting(Problem::message)
                    .containsExactly("the file does not exist"));
  }

  @Test
  void unsupportedComponentTypeIsAProgrammingError() {
    assertThatThrownBy(() -> loader.load("x.yaml", "name: a\n".getBytes(UTF_8), WithOptional.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WithOptional.name")
        .hasMessageContaining("Optional is not supported");
  }

  // --- helpers ---

  /**
   * Asserts on where each problem is and what it says, as tuples (line, column, keyPath, message).
   */
  private static org.assertj.core.api.AbstractListAssert<
          ?,
          List<? extends org.assertj.core.groups.Tuple>,
          org.assertj.core.groups.Tuple,
          org.assertj.core.api.ObjectAssert<org.assertj.core.groups.Tuple>>
      assertThatLocated(List<Problem> problems) {
    return assertThat(problems)
        .extracting(Problem::line, Problem::column, Problem::keyPath, Problem::message);
  }

  /** Asserts on every field of each problem, as tuples (line, column, keyPath, message, hint). */
  private static org.assertj.core.api.AbstractListAssert<
          ?,
          List<? extends org.assertj.core.groups.Tuple>,
          org.assertj.core.groups.Tuple,
          org.assertj.core.api.ObjectAssert<org.assertj.core.groups.Tuple>>
      assertThatProblems(List<Problem> problems) {
    return assertThat(problems)
        .extracting(
            Problem::line, Problem::column, Problem::keyPath, Problem::message, Problem::hint);
  }

  private Environment load(String yaml) throws EnvironmentException {
    return loader.load("env.yaml", yaml.getBytes(UTF_8), Environment.class);
  }

  private List<Problem> problems(String yaml) {
    return problems(Environment.class, yaml);
  }

  // --- values a stack refused after loading ---

  @Test
  void aRefusedValueIsReportedAtItsLineWithTheHintForItsPath() {
    byte[] file =
        bytes(
            """
            services:
              web:
                image: a:1
                ports:
                  - name: http
                    port: 80
            """);
    List<InvalidPropException> refused =
        List.of(
            refusal("services.web.ports[0].port"),
            refusal("services.web.replicas"),
            refusal("services.web.ports[3].port"),
            refusal("cluster.apiServerCidrs"));

    assertThat(EnvironmentLoader.rejected("env.yaml", file, refused).problems())
        .extracting(Problem::line, Problem::column, Problem::keyPath, Problem::hint)
        .as("sorted by line")
        .containsExactly(
            tuple(1, 1, "cluster.apiServerCidrs", "add cluster.apiServerCidrs: 2"),
            tuple(2, 3, "services.web.replicas", "add services.web.replicas: 2"),
            tuple(4, 5, "services.web.ports[3].port", "add services.web.ports[3].port: 2"),
            tuple(6, 15, "services.web.ports[0].port", "set services.web.ports[0].port: 2"));
  }

  @Test
  void aRefusalAtAnotherPathNamesThatPathInItsHints() {
    InvalidPropException refused =
        refusal("nginx.replicas").ownedBy("the edge's props", "replicas");
    InvalidPropException moved = refused.at("edge.replicas");

    assertThat(moved.key()).isEqualTo("edge.replicas");
    assertThat(moved.getMessage()).isEqualTo("too few");
    assertThat(moved.hint()).isEqualTo("set edge.replicas: 2");
    assertThat(moved.absentHint()).isEqualTo("add edge.replicas: 2");
    assertThat(moved.owner()).isEqualTo("the edge's props");
    assertThat(moved.prop()).isEqualTo("replicas");
    assertThat(new InvalidPropException("a", "b", "fix it").absentHint())
        .as("a fixed hint serves both")
        .isEqualTo("fix it");
  }

  private static InvalidPropException refusal(String key) {
    return new InvalidPropException(
        key, "too few", path -> "set " + path + ": 2", path -> "add " + path + ": 2");
  }

  private List<Problem> problems(Class<? extends Record> type, String yaml) {
    return problems(type, yaml.getBytes(UTF_8));
  }

  private List<Problem> problems(Class<? extends Record> type, byte[] content) {
    return exception(content, type).problems();
  }

  private EnvironmentException exception(byte[] content, Class<? extends Record> type) {
    return exception("env.yaml", content, type);
  }

  private EnvironmentException exception(
      String displayName, byte[] content, Class<? extends Record> type) {
    try {
      Record loaded = loader.load(displayName, content, type);
      throw new AssertionError("expected problems, but loaded " + loaded);
    } catch (EnvironmentException e) {
      return e;
    }
  }

  private static byte[] bytes(String before, byte[] middle, String after) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(UTF_8));
    out.writeBytes(middle);
    out.writeBytes(after.getBytes(UTF_8));
    return out.toByteArray();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  private static byte[] bytes(String before, byte[] after) {
    return bytes(before, after, "");
  }
}
