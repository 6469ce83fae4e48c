package io.stackwright.synth.uptodate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stackwright.cli.CliRun;
import io.stackwright.cli.Main;
import io.stackwright.cli.ProjectCopy;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Patch;
import io.stackwright.model.RawObject;
import io.stackwright.model.StackModel;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.shop.ShopEnvironment;
import io.stackwright.shop.ShopStack;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.InstalledTools;
import io.stackwright.validate.Waiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synth leaves an environment whose inputs did not change as {@code dist/} holds it, and renders
 * and checks again every environment one of whose inputs did: its file, a variable it reads, its
 * files in {@code dist/}, the validation mode.
 */
class UpToDateTest {
  @TempDir Path project;
  private Path record;
  private String out;
  private String err;

  @BeforeEach
  void copyProject() throws IOException {
    ProjectCopy.of(project);
    Path tools = InstalledTools.PROJECT.resolve(".tools").toAbsolutePath();
    if (Files.isDirectory(tools)) {
      Files.createSymbolicLink(project.resolve(".tools"), tools);
    }
    record = project.resolve(UpToDate.FOLDER).resolve(UpToDate.FILE);
  }

  @Test
  void aSecondSynthWithNothingChangedLeavesEveryEnvironmentAsItIs() throws IOException {
    assertThat(synth("all")).as(err).isEqualTo(Main.OK);
    assertThat(out).doesNotContain("up to date");
    assertThat(record).isRegularFile();
    assertThat(project.resolve(UpToDate.FOLDER).resolve(".gitignore"))
        .hasContent("# Written by the synth; local to this checkout.\n*");
    SortedMap<String, DistWriter.Bytes> before = dist();

    assertThat(synth("all")).as(err).isEqualTo(Main.OK);

    assertThat(out)
        .contains("dev: up to date dist/dev: 18 files, 0 written")
        .contains("staging: up to date dist/staging")
        .contains("prod: up to date dist/prod")
        .contains(
            "checks: model, policy, parity, kubeconform, compose, nginx, promtool, redis,"
                + " postgresql (passed with these inputs")
        .contains("up to date: dev, prod, staging")
        .contains("unchanged dist/ENVIRONMENTS.md")
        .doesNotContain("validation took");
    assertThat(dist()).isEqualTo(before);
  }

  @Test
  void anEditedEnvironmentIsRenderedAndCheckedAgainAndTheOthersAreNot() throws IOException {
    assertThat(synth("all")).as(err).isEqualTo(Main.OK);
    SortedMap<String, DistWriter.Bytes> before = dist();
    replace("environments/staging.yaml", "  replicas: 2\n", "  replicas: 3\n");

    assertThat(synth("all")).as(err).isEqualTo(Main.OK);

    assertThat(out)
        .contains("staging: wrote dist/staging")
        .contains("dev: up to date")
        .contains("prod: up to date")
        .contains("validation took")
        .contains("up to date: dev, prod (");
    assertThat(dist()).isNotEqualTo(before);

    // What the synth wrote beside the environments it left is what a full synth writes.
    SortedMap<String, DistWriter.Bytes> written = dist();
    assertThat(run("synth", "--env", "all", "--rebuild", "--project-dir", project.toString()))
        .as(err)
        .isEqualTo(Main.OK);
    assertThat(out).doesNotContain("up to date").contains("staging: unchanged dist/staging");
    assertThat(dist()).isEqualTo(written);
  }

  @Test
  void aValueChangedAndChangedBackIsRenderedBackNotTakenFromTheOlderEntry() throws IOException {
    assertThat(synth("staging")).as(err).isEqualTo(Main.OK);
    SortedMap<String, DistWriter.Bytes> two = dist();
    replace("environments/staging.yaml", "  replicas: 2\n", "  replicas: 3\n");
    assertThat(synth("staging")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("staging: wrote dist/staging");

    // The record still holds the entry of replicas: 2, but dist/ holds the files of 3.
    replace("environments/staging.yaml", "  replicas: 3\n", "  replicas: 2\n");
    assertThat(synth("staging")).as(err).isEqualTo(Main.OK);

    assertThat(out).contains("staging: wrote dist/staging").doesNotContain("up to date");
    assertThat(dist()).isEqualTo(two);
    assertThat(synth("staging")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("staging: up to date");
  }

  @Test
  void aVariableTheFileReadsIsAnInputAndItsValueIsNeverRecorded() throws IOException {
    String canary = "9.9.9-canary-7f3a";
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);

    assertThat(synth("prod", name -> name.equals("BACKEND_TAG") ? canary : null))
        .as(err)
        .isEqualTo(Main.OK);
    assertThat(out).contains("prod: wrote dist/prod");
    assertThat(Files.readString(project.resolve("dist/prod/backend.yaml"))).contains(canary);
    assertThat(Files.readString(record)).doesNotContain(canary).doesNotContain("9.9.9");

    assertThat(synth("prod", name -> name.equals("BACKEND_TAG") ? canary : null))
        .as(err)
        .isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date");

    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: wrote dist/prod");
    assertThat(Files.readString(project.resolve("dist/prod/backend.yaml"))).doesNotContain(canary);
  }

  @Test
  void aFileEditedAddedOrDeletedInDistIsWrittenAgain() throws IOException {
    assertThat(synth("all")).as(err).isEqualTo(Main.OK);
    SortedMap<String, DistWriter.Bytes> committed = dist();
    Path backend = project.resolve("dist/prod/backend.yaml");
    Files.writeString(backend, Files.readString(backend) + "# edited by hand\n");
    Files.delete(project.resolve("dist/staging/PARITY.md"));
    Files.writeString(project.resolve("dist/dev/extra.yaml"), "kind: Secret\n");

    assertThat(synth("all")).as(err).isEqualTo(Main.OK);

    assertThat(out)
        .contains("prod: wrote dist/prod: 16 files, 1 written")
        .contains("staging: wrote dist/staging: 16 files, 1 written")
        .contains("dev: wrote dist/dev")
        .doesNotContain("up to date");
    assertThat(dist()).isEqualTo(committed);
  }

  @Test
  void aFileWhoseModeAloneIsWrongIsSaidToBeWrittenAsAFullSynthSays() throws IOException {
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    Path backend = project.resolve("dist/prod/backend.yaml");
    Files.setPosixFilePermissions(backend, PosixFilePermissions.fromString("rw-------"));

    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);

    assertThat(out)
        .contains("prod: wrote dist/prod: 16 files, 1 written")
        .contains("(passed with these inputs, not run again)")
        .contains("up to date: prod (");
    assertThat(Files.getPosixFilePermissions(backend))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
  }

  @Test
  void anotherValidationModeChecksAgain() throws IOException {
    assertThat(synth("dev")).as(err).isEqualTo(Main.OK);

    assertThat(run("synth", "--env", "dev", "--validate", "strict", "--project-dir", p()))
        .as(err)
        .isEqualTo(Main.OK);
    assertThat(out).contains("dev: unchanged dist/dev").doesNotContain("up to date");
  }

  @Test
  void twoWaysOfSynthesizingInTurnAreEachUpToDateOnceTheyHavePassed() throws IOException {
    // As Maven's class path and the packaged jar do: two sets of inputs for one dist/, taken in
    // turn. Two validation modes are two such sets.
    String[] strict = {"synth", "--env", "dev", "--validate", "strict", "--project-dir", p()};
    assertThat(synth("dev")).as(err).isEqualTo(Main.OK);
    assertThat(run(strict)).as(err).isEqualTo(Main.OK);

    assertThat(synth("dev")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("dev: up to date");
    assertThat(run(strict)).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("dev: up to date");
    assertThat(Files.readString(record).split("\"inputs\"", -1)).hasSize(3);
  }

  @Test
  void anUpgradedComposePluginChecksAgain(@TempDir Path docker) throws IOException {
    Path real = InstalledTools.PROJECT.resolve(".tools").toAbsolutePath();
    assumeTrue(Files.isExecutable(real.resolve("bin/docker-compose")));
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")));
    // The project's own tools, but for the Compose CLI, found as the plugin of a docker client
    // on PATH whose version answer is a file beside it, as an upgraded plugin changes it.
    Files.delete(project.resolve(".tools"));
    Files.createDirectories(project.resolve(".tools/bin"));
    Files.createSymbolicLink(
        project.resolve(".tools/bin/kubeconform"), real.resolve("bin/kubeconform"));
    Files.createSymbolicLink(
        project.resolve(".tools/kubernetes-json-schema"), real.resolve("kubernetes-json-schema"));
    Path client = docker.resolve("bin/docker");
    Files.createDirectories(client.getParent());
    Files.writeString(docker.resolve("version"), "Docker Compose version v5.5.1\n");
    Files.writeString(
        client,
        "#!/bin/sh\n"
            + "shift\n"
            + "if [ \"$1\" = version ]; then cat '"
            + docker.resolve("version")
            + "'; exit 0; fi\n"
            + "exec '"
            + real.resolve("bin/docker-compose")
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwxr-xr-x"));
    Function<String, String> path =
        name -> name.equals("PATH") ? client.getParent().toString() : null;
    assertThat(synth("prod", path)).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("checks: model, policy, parity, kubeconform, compose;");
    assertThat(synth("prod", path)).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date");

    Files.writeString(docker.resolve("version"), "Docker Compose version v5.6.0\n");

    assertThat(synth("prod", path)).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: unchanged dist/prod").doesNotContain("up to date");
  }

  @Test
  void aDamagedRecordIsIgnoredAndWrittenAgain() throws IOException {
    assertThat(synth("dev")).as(err).isEqualTo(Main.OK);
    Files.writeString(record, "{\"format\": 1, \"salt\": [\n");

    assertThat(synth("dev")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("dev: unchanged dist/dev").doesNotContain("up to date");

    assertThat(synth("dev")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("dev: up to date");
  }

  @Test
  void aRecordEditedByHandIsIgnoredNotFatal() throws IOException {
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    String good = Files.readString(record);
    String[] edits = {
      good.replaceFirst("\"salt\" : \"[0-9a-f]{64}\"", "\"salt\" : \"" + "g".repeat(64) + "\""),
      good.replaceFirst("\"inputs\" : \"", "\"inputs\" : null, \"was\" : \""),
      good.replaceFirst("\"waived\" : \\[", "\"waived\" : [ null ")
    };
    for (String edited : edits) {
      assertThat(edited).isNotEqualTo(good);
      Files.writeString(record, edited);

      assertThat(synth("prod")).as(edited + err).isEqualTo(Main.OK);
      assertThat(out).as(edited).contains("prod: unchanged dist/prod").doesNotContain("up to date");
    }
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date");
  }

  @Test
  void aRecordNotSealedWithTheUsersKeyIsNeverBelievedEvenWhenItsContentMatches() throws Exception {
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    String sealed = Files.readString(record);
    String json = sealed.substring(sealed.indexOf('\n') + 1);
    // As a pull request could bring it: the very content a synth would write, sealed with a key
    // that is not this user's (the attacker's own), or not sealed at all.
    byte[] otherKey = new byte[32];
    new SecureRandom().nextBytes(otherKey);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(otherKey, "HmacSHA256"));
    String forged =
        HexFormat.of().formatHex(mac.doFinal(json.getBytes(StandardCharsets.UTF_8))) + "\n" + json;
    for (String record : new String[] {forged, json}) {
      Files.writeString(this.record, record);

      assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
      assertThat(out).contains("prod: unchanged dist/prod").doesNotContain("up to date");
    }
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date");
  }

  @Test
  void aRecordFolderThatIsALinkIsNeitherReadNorWrittenThrough(@TempDir Path elsewhere)
      throws IOException {
    Files.createSymbolicLink(project.resolve(UpToDate.FOLDER), elsewhere);

    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);

    assertThat(out).doesNotContain("up to date");
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void theWaiversOfAnEnvironmentLeftAsItIsArePrintedAsAFullSynthPrintsThem() throws IOException {
    Files.writeString(
        project.resolve("environments/prod.yaml"),
        Files.readString(project.resolve("environments/prod.yaml"))
            + "waivers:\n"
            + "  - rule: probes\n"
            + "    object: Pod/debug\n"
            + "    reason: a throwaway shell\n");
    StackDefinition<ShopEnvironment> withPod = new Labelled(false, true, List.of());
    assertThat(run(withPod, "synth", "--env", "prod", "--project-dir", p()))
        .as(err)
        .isEqualTo(Main.OK);
    String waived = "prod: waived probes for Pod/debug (environments/prod.yaml): a throwaway shell";
    assertThat(out).contains(waived);

    assertThat(run(withPod, "synth", "--env", "prod", "--project-dir", p()))
        .as(err)
        .isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date").contains(waived);
  }

  @Test
  void waiversTheStackTakesFromElsewhereAreInputs() throws IOException {
    List<Waiver> waiver = List.of(new Waiver("probes", "Pod/debug", "until 2026-12-01"));
    assertThat(synthProd(new Labelled(false, true, waiver))).as(err).isEqualTo(Main.OK);

    // As when a waiver has expired: a full synth fails.
    assertThat(synthProd(new Labelled(false, true, List.of()))).isEqualTo(Main.VALIDATION_FAILED);
    assertThat(err).contains("Pod/debug").contains("[policy probes]");
  }

  @Test
  void aFailedSynthRecordsNothing() throws IOException {
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    byte[] recorded = Files.readAllBytes(record);
    replace("environments/prod.yaml", "  replicas: 3\n", "  replicas: -3\n");

    assertThat(synth("prod")).isEqualTo(Main.BAD_INPUT);
    assertThat(Files.readAllBytes(record)).isEqualTo(recorded);

    replace("environments/prod.yaml", "  replicas: -3\n", "  replicas: 3\n");
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date");
  }

  @Test
  void diffAlwaysRendersAndLeavesTheRecordAlone() throws IOException {
    assertThat(synth("prod")).as(err).isEqualTo(Main.OK);
    byte[] recorded = Files.readAllBytes(record);

    assertThat(run("diff", "--env", "prod", "--project-dir", p())).as(err).isEqualTo(Main.OK);
    assertThat(out).doesNotContain("prod: up to date");
    assertThat(Files.readAllBytes(record)).isEqualTo(recorded);
  }

  @Test
  void aStackThatStopsPatchingIsRenderedAgainNotBrokenByTheRecordOfItsPatchedSynth()
      throws IOException {
    assertThat(synthProd(new Labelled(true, false, List.of()))).as(err).isEqualTo(Main.OK);
    assertThat(Files.readString(project.resolve("dist/prod/backend.yaml"))).contains("patched");

    assertThat(synthProd(new Labelled(false, false, List.of()))).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: wrote dist/prod: 16 files, 1 written");
    assertThat(Files.readString(project.resolve("dist/prod/backend.yaml")))
        .doesNotContain("patched");

    assertThat(synthProd(new Labelled(false, false, List.of()))).as(err).isEqualTo(Main.OK);
    assertThat(out).contains("prod: up to date");
  }

  /**
   * The shop, with a patch that labels the backend's Deployment when {@code patched}, and a Pod
   * without probes when {@code pod}; its waivers are the environment file's and {@code waivers}, as
   * a stack may take them from elsewhere.
   */
  private record Labelled(boolean patched, boolean pod, List<Waiver> waivers)
      implements StackDefinition<ShopEnvironment> {
    @Override
    public List<Waiver> waivers(ShopEnvironment props) {
      List<Waiver> all = new ArrayList<>(StackDefinition.super.waivers(props));
      all.addAll(waivers);
      return all;
    }

    @Override
    public Class<ShopEnvironment> propsType() {
      return new ShopStack().propsType();
    }

    @Override
    public List<InvalidPropException> check(String environment, ShopEnvironment props) {
      return new ShopStack().check(environment, props);
    }

    @Override
    public String name() {
      return ShopStack.NAME;
    }

    @Override
    public String namespace(String environment, ShopEnvironment props) {
      return new ShopStack().namespace(environment, props);
    }

    @Override
    public void define(Stack stack, ShopEnvironment props) {
      new ShopStack().define(stack, props);
    }

    @Override
    public StackModel model(String environment, ShopEnvironment props) {
      StackModel stack = new ShopStack().model(environment, props);
      if (pod) {
        List<RawObject> raw = new ArrayList<>(stack.rawObjects());
        raw.add(
            new RawObject(
                Map.of(
                    "apiVersion",
                    "v1",
                    "kind",
                    "Pod",
                    "metadata",
                    Map.of("name", "debug", "namespace", stack.namespace()),
                    "spec",
                    Map.of(
                        "securityContext",
                        Map.of(
                            "runAsNonRoot",
                            true,
                            "seccompProfile",
                            Map.of("type", "RuntimeDefault")),
                        "containers",
                        List.of(
                            Map.of(
                                "name",
                                "shell",
                                "image",
                                "busybox:1.37",
                                "resources",
                                Map.of(
                                    "requests", Map.of("cpu", "10m", "memory", "16Mi"),
                                    "limits", Map.of("cpu", "10m", "memory", "16Mi")),
                                "securityContext",
                                Map.of(
                                    "allowPrivilegeEscalation",
                                    false,
                                    "readOnlyRootFilesystem",
                                    true,
                                    "runAsUser",
                                    1000,
                                    "capabilities",
                                    Map.of("drop", List.of("ALL")))))))));
        stack =
            new StackModel(
                stack.name(),
                stack.environment(),
                stack.namespace(),
                stack.development(),
                stack.services(),
                stack.metricsScraper(),
                stack.network(),
                raw,
                stack.patches());
      }
      if (!patched) {
        return stack;
      }
      return new StackModel(
          stack.name(),
          stack.environment(),
          stack.namespace(),
          stack.development(),
          stack.services(),
          stack.metricsScraper(),
          stack.network(),
          stack.rawObjects(),
          List.of(
              new Patch(
                  "Deployment",
                  "backend",
                  object ->
                      object.withObject("/metadata/labels").put("example.com/patched", "yes"))));
    }
  }

  private void replace(String file, String from, String to) throws IOException {
    Path path = project.resolve(file);
    String text = Files.readString(path, StandardCharsets.UTF_8);
    assertThat(text).contains(from);
    Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from), to));
  }

  private SortedMap<String, DistWriter.Bytes> dist() throws IOException {
    SortedMap<String, DistWriter.Bytes> files = DistInput.read(project.resolve("dist"));
    files.keySet().removeIf(path -> path.startsWith("."));
    return files;
  }

  private String p() {
    return project.toString();
  }

  private int synthProd(StackDefinition<?> definition) {
    return run(definition, "synth", "--env", "prod", "--project-dir", p());
  }

  private int synth(String env) {
    return synth(env, name -> null);
  }

  private int synth(String env, Function<String, String> variables) {
    return run(variables, "synth", "--env", env, "--project-dir", p());
  }

  private int run(String... args) {
    return run(name -> null, args);
  }

  private int run(StackDefinition<?> definition, String... args) {
    return run(definition, name -> null, args);
  }

  private int run(Function<String, String> variables, String... args) {
    return run(new ShopStack(), variables, args);
  }

  private int run(
      StackDefinition<?> definition, Function<String, String> variables, String... args) {
    CliRun run = CliRun.of(definition, variables, args);
    out = run.out();
    err = run.err();
    return run.code();
  }
}
