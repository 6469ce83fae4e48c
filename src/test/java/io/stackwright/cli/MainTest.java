package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line against a copy of the project: exit codes, messages, and that a rejected synth
 * leaves {@code dist/} byte for byte as it was.
 */
class MainTest {
  static final Path PROJECT = Path.of(System.getProperty("stackwright.projectDir", "."));

  @TempDir Path project;
  private SortedMap<String, DistWriter.Bytes> distBefore;
  private String out;
  private String err;

  @BeforeEach
  void copyProject() throws IOException {
    copyTree(PROJECT.resolve("environments"), project.resolve("environments"));
    copyTree(PROJECT.resolve("dist"), project.resolve("dist"));
    // The validation tools scripts/install-validators put into the project, where they are.
    Path tools = PROJECT.resolve(".tools").toAbsolutePath();
    if (Files.isDirectory(tools)) {
      Files.createSymbolicLink(project.resolve(".tools"), tools);
    }
    distBefore = distFiles();
  }

  /** Every file of every environment folder: the lock beside them is not output. */
  private SortedMap<String, DistWriter.Bytes> distFiles() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(project.resolve("dist"));
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  @Test
  void synthOfAllEnvironmentsReproducesTheCommittedDistAndSaysSo() throws IOException {
    assertThat(synth("all")).isEqualTo(Main.OK);

    assertThat(distFiles()).isEqualTo(distBefore);
    assertThat(out)
        .contains("dev: unchanged dist/dev")
        .contains("staging: unchanged dist/staging")
        .contains("prod: unchanged dist/prod")
        .contains("Kubernetes objects")
        .contains("Compose services")
        .contains("checks: model, policy, parity")
        .contains("Deployment 3")
        .contains("unchanged dist/ENVIRONMENTS.md");
    assertThat(err.lines())
        .as("nothing on stderr but the layers skipped for want of a tool")
        .allMatch(line -> line.startsWith("stackwright: skipped the "));
  }

  @Test
  void diffOfAnUpToDateProjectExitsZeroAndWritesNothing() throws IOException {
    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.OK);

    assertThat(out)
        .contains("prod: 0 objects added, 0 removed, 0 changed, in 0 file(s)")
        .contains("diff: dist/ is up to date");
    assertDistUntouched();
  }

  @Test
  void diffOfAnEditedImageShowsOnlyThatChangeExitsOneAndWritesNothing() throws IOException {
    replaceInProd("shop-api:${BACKEND_TAG:-1.4.2}", "shop-api:${BACKEND_TAG:-1.5.0}");

    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.VALIDATION_FAILED);

    assertThat(out)
        .contains("=== dist/prod/backend.yaml (changed)\n--- Deployment/backend (changed)\n@@ -")
        .contains("=== dist/prod/compose/compose.yaml (changed)\n--- ComposeService/backend")
        .contains("prod: 0 objects added, 0 removed, 2 changed, in 2 file(s)")
        .contains("dist/ENVIRONMENTS.md: changed")
        .contains("diff: a synth would change 3 file(s)");
    assertThat(out.lines().filter(line -> line.matches("[-+](?!-- |\\+\\+ ).*")))
        .containsExactly(
            "-          image: ghcr.io/acme/shop-api:1.4.2",
            "+          image: ghcr.io/acme/shop-api:1.5.0",
            "-    image: ghcr.io/acme/shop-api:1.4.2",
            "+    image: ghcr.io/acme/shop-api:1.5.0",
            "-| image | `ghcr.io/acme/shop-api:1.4.2` | `ghcr.io/acme/shop-api:1.4.2` |"
                + " `ghcr.io/acme/shop-api:1.4.2` |",
            "+| image | `ghcr.io/acme/shop-api:1.4.2` | `ghcr.io/acme/shop-api:1.5.0` |"
                + " `ghcr.io/acme/shop-api:1.4.2` |");
    assertDistUntouched();
  }

  @Test
  void diffNeverPrintsASecretValue() throws IOException {
    Path dev = project.resolve("dist/dev");
    Files.writeString(dev.resolve("compose/secrets/postgres-password"), "old-value\n");
    Path secrets = dev.resolve("01-dev-secrets.yaml");
    Files.writeString(
        secrets, Files.readString(secrets).replace("dev-only-not-secret-", "old-dev-only-"));
    distBefore = distFiles();

    assertThat(run("diff", "--env", "dev", "--project-dir", project.toString()))
        .isEqualTo(Main.VALIDATION_FAILED);

    assertThat(out)
        .contains("=== dist/dev/compose/secrets/postgres-password (changed)")
        .contains(
            "=== dist/dev/01-dev-secrets.yaml (changed)\n"
                + "--- Secret/postgres-credentials (changed)\n"
                + "(only a masked secret value differs)\n"
                + "--- Secret/redis-credentials (changed)\n")
        .doesNotContain("old-value", "old-dev-only-", "dev-only-not-secret");
    assertDistUntouched();
  }

  @Test
  void diffOfAllShowsTheFolderOfAnEnvironmentThatIsGoneAsRemoved() throws IOException {
    Files.delete(project.resolve("environments/staging.yaml"));

    assertThat(run("diff", "--env", "all", "--project-dir", project.toString()))
        .isEqualTo(Main.VALIDATION_FAILED);

    long removedObjects =
        out.lines().filter(line -> line.matches("--- (?!compose/)\\S+ \\(removed\\)")).count();
    long removedFiles =
        out.lines().filter(line -> line.matches("=== dist/staging/.* \\(removed\\)")).count();
    assertThat(removedObjects).as("Kubernetes objects and Compose entries of staging").isPositive();
    assertThat(removedFiles).isEqualTo(DistInput.read(project.resolve("dist/staging")).size());
    assertThat(out)
        .contains("=== dist/staging/backend.yaml (removed)\n--- ")
        .contains(
            "staging: 0 objects added, "
                + removedObjects
                + " removed, 0 changed, in "
                + removedFiles
                + " file(s); a synth removes dist/staging (no environments/staging.yaml)");
    assertDistUntouched();

    assertThat(synth("all")).isEqualTo(Main.OK);
    assertThat(out).contains("staging: removed dist/staging");
  }

  @Test
  void diffCountsKubernetesObjectsAndComposeEntriesButNotComposeSections() throws IOException {
    Files.copy(
        project.resolve("environments/staging.yaml"), project.resolve("environments/qa.yaml"));

    assertThat(run("diff", "--env", "qa", "--project-dir", project.toString()))
        .isEqualTo(Main.VALIDATION_FAILED);

    assertThat(out).contains("--- compose/services (added)").contains("--- ComposeService/");
    long objects =
        out.lines().filter(line -> line.matches("--- (?!compose/)\\S+ \\(added\\)")).count();
    assertThat(out)
        .contains("qa: " + objects + " objects added, 0 removed, 0 changed")
        .contains("diff: an object is a Kubernetes object, or a Compose service");
  }

  @Test
  void aModeOnlyChangeIsAChangeForDiffAsForSynth() throws IOException {
    Path backend = project.resolve("dist/prod/backend.yaml");
    Files.setPosixFilePermissions(backend, PosixFilePermissions.fromString("rw-------"));
    distBefore = distFiles();

    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.VALIDATION_FAILED);
    assertThat(out)
        .contains(
            "=== dist/prod/backend.yaml (changed)\n"
                + "(only the mode differs: rw-------; a synth sets rw-r--r--)\n")
        .contains("prod: 0 objects added, 0 removed, 0 changed, in 1 file(s)");
    assertDistUntouched();

    assertThat(synth("prod")).isEqualTo(Main.OK);
    assertThat(out).contains("prod: wrote dist/prod: ").contains(" files, 1 written;");
    assertThat(Files.getPosixFilePermissions(backend))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.OK);
  }

  @Test
  void diffRefusesADistAnInterruptedSynthLeftAndWritesNothing() throws IOException {
    Path dist = project.resolve("dist");
    // A synth killed mid-swap: prod set aside, the journal says it was being replaced.
    copyTree(dist.resolve("prod"), dist.resolve(".prod.old"));
    Files.writeString(dist.resolve(".swap"), "replace prod\n");
    SortedMap<String, DistWriter.Bytes> everything = DistInput.read(dist);
    List<String> names;
    try (Stream<Path> entries = Files.list(dist)) {
      names = entries.map(p -> p.getFileName().toString()).sorted().toList();
    }

    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains("dist/ holds an unfinished synth")
        .contains("run mvn -q compile exec:java -Denv=prod");
    assertThat(out).isEmpty();
    assertThat(DistInput.read(dist)).isEqualTo(everything);
    try (Stream<Path> entries = Files.list(dist)) {
      assertThat(entries.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
    }

    assertThat(synth("prod")).isEqualTo(Main.OK);
    assertThat(dist.resolve(".swap")).doesNotExist();
    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.OK);
  }

  @Test
  void diffOfBadInputExitsTwo() throws IOException {
    replaceInProd("storage: 100Gi", "storage: lots");

    assertThat(run("diff", "--env", "prod", "--project-dir", project.toString()))
        .isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("environments/prod.yaml:").contains("postgres.storage");
    assertThat(out).isEmpty();
  }

  @Test
  void aSynthOfOneEnvironmentLeavesTheComparisonWhenAnotherEnvironmentIsBroken()
      throws IOException {
    Path staging = project.resolve("environments/staging.yaml");
    Files.writeString(staging, Files.readString(staging) + "backendd: {}\n");
    replaceInProd("shop-api:${BACKEND_TAG:-1.4.2}", "shop-api:${BACKEND_TAG:-1.5.0}");
    Path comparison = project.resolve("dist/ENVIRONMENTS.md");
    String before = Files.readString(comparison);

    assertThat(synth("prod")).isEqualTo(Main.OK);

    assertThat(out).contains("prod: wrote dist/prod").doesNotContain("ENVIRONMENTS.md");
    assertThat(err)
        .contains("stackwright: dist/ENVIRONMENTS.md left as it was: another environment does not")
        .contains("run the synth of all environments");
    assertThat(Files.readString(comparison)).isEqualTo(before);
    assertThat(synth("all")).isEqualTo(Main.BAD_INPUT);
    assertThat(err).contains("environments/staging.yaml:").contains("backendd");
  }

  @Test
  void aStaleWaiverFailsValidationWithAReportByEnvironmentAndFile() throws IOException {
    Path prod = project.resolve("environments/prod.yaml");
    Files.writeString(
        prod,
        Files.readString(prod)
            + "waivers:\n"
            + "  - rule: probes\n"
            + "    object: Deployment/backend\n"
            + "    reason: the backend has probes, so this waiver is stale\n");

    assertThat(synth("prod")).isEqualTo(Main.VALIDATION_FAILED);

    assertThat(err)
        .contains("stackwright: the validation gate found problems:")
        .contains("prod (environments/prod.yaml): ")
        .contains("  environments/prod.yaml:\n")
        .contains(
            "    Deployment/backend: waivers[0]: this waiver exempts nothing: Deployment/backend"
                + " passes rule probes; remove the waiver [policy probes]")
        .contains("nothing was written");
    assertThat(out).isEmpty();
    assertDistUntouched();
  }

  @Test
  void addressRangesThatSpanTheInternetAreBadInputOutsideDevelopmentUnlessWaived()
      throws IOException {
    replaceInProd("trustedProxies: [10.48.0.0/14]", "trustedProxies: [0.0.0.0/0]");
    replaceInProd("apiServerCidrs: [172.21.0.2/32]", "apiServerCidrs: [0.0.0.0/0]");

    assertRejected(
        "environments/prod.yaml:37:3: nginx.trustedProxies: these addresses span 4256038912 public IPv4"
            + " addresses together, more than a /16",
        "environments/prod.yaml:49:3: cluster.apiServerCidrs: these addresses span",
        "waive the rule bounded-address-ranges");

    Path prod = project.resolve("environments/prod.yaml");
    Files.writeString(
        prod,
        Files.readString(prod)
            + "waivers:\n"
            + "  - rule: bounded-address-ranges\n"
            + "    object: ConfigMap/nginx-config\n"
            + "    reason: a test of the waiver\n");
    assertThat(synth("prod")).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(err)
        .contains("NetworkPolicy/prometheus: spec: admits address ranges that span")
        .contains("[policy bounded-address-ranges]")
        .doesNotContain("ConfigMap/nginx-config: data.nginx.conf");
    assertDistUntouched();

    Files.writeString(
        prod,
        Files.readString(prod)
            + "  - rule: bounded-address-ranges\n"
            + "    object: NetworkPolicy/prometheus\n"
            + "    reason: a test of the waiver\n");
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("bounded-address-ranges").contains("a test of the waiver");
  }

  @Test
  void strictValidationWithoutTheToolsFailsAndWritesNothing() throws IOException {
    // An empty .tools/ of the project's own: the user's tools folder is not looked in.
    Files.deleteIfExists(project.resolve(".tools"));
    Files.createDirectories(project.resolve(".tools"));

    assertThat(
            run(
                "synth",
                "--env",
                "dev",
                "--project-dir",
                project.toString(),
                "--validate",
                "strict"))
        .isEqualTo(Main.VALIDATION_FAILED);

    assertThat(err)
        .contains("required layer kubeconform cannot run: kubeconform not found")
        .contains("required layer compose cannot run: the Compose CLI was not found")
        .contains("install it with mvn -q exec:exec@install-validators")
        .contains("nothing was written");
    assertDistUntouched();
  }

  @Test
  void anUnknownValidationModeIsAUsageError() {
    assertThat(
            run("synth", "--env", "dev", "--project-dir", project.toString(), "--validate", "lax"))
        .isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("unknown validation mode \"lax\"").contains("-Dvalidate=strict");
  }

  @Test
  void synthWritesAMissingEnvironmentAndRemovesFilesNoLongerProduced() throws IOException {
    Path prod = project.resolve("dist/prod");
    Files.writeString(prod.resolve("stale.yaml"), "kind: Leftover\n");
    Files.delete(prod.resolve("backend.yaml"));

    assertThat(synth("prod")).isEqualTo(Main.OK);

    assertThat(out).contains("prod: wrote dist/prod");
    assertThat(distFiles()).isEqualTo(distBefore);
  }

  @Test
  void anUnknownEnvironmentListsTheValidOnes() throws IOException {
    assertThat(synth("qa")).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("unknown environment \"qa\"").contains("dev, prod, staging");
    assertDistUntouched();
  }

  @ParameterizedTest
  @CsvSource({"../pom", "dev/../prod", "/etc/passwd", "PROD", "prod.yaml"})
  void anEnvironmentNameThatIsAPathIsRejected(String name) throws IOException {
    assertThat(synth(name)).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("invalid environment name").contains("dev, prod, staging");
    assertDistUntouched();
  }

  @Test
  void anUnknownKeyIsReportedWithFileLineAndSuggestion() throws IOException {
    replaceInProd("  replicas: 3", "  replcas: 3");

    assertRejected("environments/prod.yaml:35:3:", "nginx.replcas", "did you mean \"replicas\"");
  }

  @Test
  void aMisspelledNestedKeyIsReportedWithItsPath() throws IOException {
    replaceInProd("    memory: 4Gi", "    memroy: 4Gi");

    assertRejected("environments/prod.yaml:", "postgres.resources.memroy", "\"memory\"");
  }

  @Test
  void aWrongTypeIsReported() throws IOException {
    replaceInProd("  replicas: 3", "  replicas: three");

    assertRejected("environments/prod.yaml:35:", "nginx.replicas", "integer");
  }

  @Test
  void malformedYamlIsReportedWithItsPosition() throws IOException {
    replaceInProd("  replicas: 3", "  replicas: [3");

    assertRejected("environments/prod.yaml:36:21: (root): invalid YAML", "']'");
  }

  @Test
  void aDuplicateKeyIsReportedWithBothLines() throws IOException {
    replaceInProd("  replicas: 3", "  replicas: 3\n  replicas: 4");

    assertRejected("environments/prod.yaml:36:", "duplicate key \"replicas\"", "line 35");
  }

  @Test
  void aMissingVariableIsReportedByName() throws IOException {
    replaceInProd("${BACKEND_TAG:-1.4.2}", "${STACKWRIGHT_TEST_UNSET_VARIABLE}");

    assertRejected("environments/prod.yaml:3:", "backend.image", "STACKWRIGHT_TEST_UNSET_VARIABLE");
  }

  @Test
  void anOutOfRangeValueIsReported() throws IOException {
    replaceInProd("  replicas: 3", "  replicas: 0");

    assertRejected("environments/prod.yaml:35:", "nginx.replicas", "between 1 and 100");
  }

  @Test
  void problemsInSeveralFilesAreAllReportedAndNothingIsWritten() throws IOException {
    replaceInProd("  replicas: 3", "  replcas: 3");
    Path staging = project.resolve("environments/staging.yaml");
    Files.writeString(
        staging, Files.readString(staging).replace("  storage: 20Gi", "  storage: 20GB"));

    assertThat(synth("all")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains("environments/prod.yaml:35:3: nginx.replcas")
        .contains("environments/staging.yaml:")
        .contains("postgres.storage")
        .contains("nothing was written");
    assertDistUntouched();
  }

  @Test
  void synthOfAllRemovesTheFolderOfAnEnvironmentThatIsGone() throws IOException {
    Files.delete(project.resolve("environments/staging.yaml"));
    Files.createDirectories(project.resolve("dist/notes"));
    Files.writeString(project.resolve("dist/notes/keep.txt"), "not ours\n");

    assertThat(synth("prod")).isEqualTo(Main.OK);
    assertThat(project.resolve("dist/staging")).as("kept by a synth of one environment").exists();

    assertThat(synth("all")).isEqualTo(Main.OK);
    assertThat(out).contains("staging: removed dist/staging");
    assertThat(project.resolve("dist/staging")).doesNotExist();
    assertThat(project.resolve("dist/notes/keep.txt")).as("not output, so not ours").exists();
  }

  @ParameterizedTest
  @CsvSource({"qa.yml", "QA.yaml", "1qa.yaml", "qa_1.yaml"})
  void aFileThatLooksLikeAnEnvironmentButIsMisnamedIsRefused(String file) throws IOException {
    Files.writeString(project.resolve("environments").resolve(file), "backend: {}\n");

    assertThat(synth("all")).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("not environments: " + file);
    assertDistUntouched();
  }

  @Test
  void twoEnvironmentsInOneNamespaceAreBadInputAtTheLineThatSetsIt() throws IOException {
    Path staging = project.resolve("environments/staging.yaml");
    Files.writeString(staging, "namespace: shop-prod\n" + Files.readString(staging));

    assertThat(synth("all")).isEqualTo(Main.BAD_INPUT);
    assertThat(err)
        .contains(
            "environments/staging.yaml:1:12: namespace: namespace shop-prod is also prod's;"
                + " applying one would overwrite the other; give each environment a namespace of"
                + " its own")
        .contains("nothing was written");

    assertThat(synth("staging")).as("also when only one is synthesized").isEqualTo(Main.BAD_INPUT);
    assertThat(err).contains("environments/staging.yaml:1:12: namespace:");
    assertDistUntouched();
  }

  @Test
  void anUnpinnedImageOutsideDevelopmentIsBadInputAtItsLine() throws IOException {
    replaceInProd("${BACKEND_TAG:-1.4.2}", "latest");

    assertRejected(
        "environments/prod.yaml:3:10: backend.image: image ghcr.io/acme/shop-api:latest is not"
            + " pinned",
        "give it a version tag");
  }

  @Test
  void developmentToolsOutsideDevelopmentAreBadInputAtTheirLine() throws IOException {
    replaceInProd("cluster:\n", "devTools:\n  redisUiPort: 9000\ncluster:\n");

    assertRejected("environments/prod.yaml:", "devTools: development tools are for development");
  }

  @Test
  void replicasBesideAutoscalingAreRefusedWithTheirLine() throws IOException {
    replaceInProd(
        "  autoscaling:\n    minReplicas: 3", "  replicas: 4\n  autoscaling:\n    minReplicas: 3");

    assertRejected("environments/prod.yaml:4:", "backend.replicas", "replicas and autoscaling");
  }

  @Test
  void anIngressWithoutTrustedProxiesIsRefused() throws IOException {
    replaceInProd("  trustedProxies: [10.48.0.0/14]", "");

    assertRejected("environments/prod.yaml:", "nginx.trustedProxies", "ingress controller");
  }

  @Test
  void aSingleReplicaOfAStatelessTierOutsideDevelopmentIsBadInputAtItsLine() throws IOException {
    replaceInProd("  replicas: 3", "  replicas: 1");

    assertRejected(
        "environments/prod.yaml:35:13: nginx.replicas: nginx: outside development a stateless"
            + " service runs at least 2 replicas",
        "set nginx.replicas: 2 or more");
  }

  @Test
  void aReservedNamespaceIsRefused() throws IOException {
    replaceInProd("backend:\n", "namespace: kube-system\nbackend:\n");

    assertRejected("environments/prod.yaml:2:12: namespace:", "belongs to the cluster");
  }

  @Test
  void aDistThatIsAFileIsAClearErrorAndTheFileStaysAsItWas() throws IOException {
    // Root ignores permissions, so a path that cannot be a folder is what makes dist/ unwritable.
    Path dist = project.resolve("dist");
    deleteTree(dist);
    Files.writeString(dist, "not a folder\n");

    assertThat(synth("prod")).isEqualTo(Main.BAD_INPUT);

    assertThat(err)
        .contains("stackwright: " + dist + " is not a folder")
        .contains("move that file away")
        .doesNotContain("Exception");
    assertThat(Files.readString(dist)).isEqualTo("not a folder\n");
  }

  @Test
  void anEmptyEnvironmentNameIsAUsageError() {
    assertThat(synth("")).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("no environment given").contains("dev, prod, staging, or all");
  }

  @Test
  void anEmptyEnvironmentPropertyIsAUsageErrorNotACrash() {
    // What exec:java hands over for -Denv=: a null argument.
    String[] args = {"synth", "--env", null, "--project-dir", project.toString()};

    assertThat(run(args)).isEqualTo(Main.BAD_INPUT);
    assertThat(err).contains("no environment given");
  }

  @Test
  void noEnvironmentIsAUsageError() {
    assertThat(run("synth")).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains("--env");
  }

  private void assertRejected(String... fragments) throws IOException {
    assertThat(synth("prod")).isEqualTo(Main.BAD_INPUT);

    assertThat(err).contains(fragments).contains("nothing was written");
    assertThat(out).isEmpty();
    assertDistUntouched();
  }

  private void assertDistUntouched() throws IOException {
    assertThat(distFiles()).isEqualTo(distBefore);
    try (Stream<Path> entries = Files.list(project.resolve("dist"))) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .as("no scratch folders left behind")
          .allMatch(name -> !name.startsWith(".") || name.equals(".lock"));
    }
  }

  private void replaceInProd(String from, String to) throws IOException {
    Path prod = project.resolve("environments/prod.yaml");
    String text = Files.readString(prod, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(prod, text.replace(from, to), StandardCharsets.UTF_8);
  }

  private int synth(String env) {
    return run("synth", "--env", env, "--project-dir", project.toString());
  }

  private int run(String... args) {
    CliRun run = CliRun.of(args);
    out = run.out();
    err = run.err();
    return run.code();
  }

  static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(path);
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }
}
