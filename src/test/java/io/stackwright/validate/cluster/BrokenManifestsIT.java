package io.stackwright.validate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.validate.InstalledTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link ClusterCheck} fails on a broken manifest: each case is a copy of {@code dist/dev/} in
 * a namespace of its own with one defect in the backend's Deployment (or one object added), and the
 * unchanged copy passes, so what fails is the defect.
 */
class BrokenManifestsIT {
  private static final Path DEV = InstalledTools.PROJECT.resolve("dist/dev");
  private static final String WORKLOAD = "backend";

  @TempDir static Path folder;
  private static ControlPlane plane;

  @BeforeAll
  static void start() {
    plane = ControlPlane.start(ControlPlaneTools.require(), folder.resolve("cluster"));
  }

  @AfterAll
  static void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void theUnchangedCopyPasses() throws IOException {
    Path copy = copy("unchanged", objects -> {});

    assertThat(ClusterCheck.problems(check().run(copy))).isEmpty();
  }

  @Test
  void aMisspelledFieldFailsTheDryRun() throws IOException {
    Path copy =
        copy(
            "misspelled",
            objects -> {
              ObjectNode container = container(objects);
              container.set("livenesProbe", container.remove("livenessProbe"));
            });

    List<ClusterCheck.Step> steps = check().run(copy);

    assertThat(last(steps).step()).isEqualTo("server-side dry run");
    assertThat(ClusterCheck.problems(steps))
        .singleElement()
        .asString()
        .contains(".livenesProbe: field not declared in schema");
  }

  @Test
  void aPrivilegedPodIsRefused() throws IOException {
    Path copy =
        copy(
            "privileged",
            objects -> {
              ObjectNode pod = deployment(objects).podFromTemplate().orElseThrow();
              pod.withObjectProperty("metadata").put("name", "debug");
              ObjectNode security =
                  firstContainer(pod.withObjectProperty("spec"))
                      .withObjectProperty("securityContext");
              security.put("privileged", true).put("allowPrivilegeEscalation", true);
              objects.add(new Manifest(pod));
            });

    List<ClusterCheck.Step> steps = check().run(copy);

    assertThat(last(steps).step()).isEqualTo("server-side dry run");
    assertThat(ClusterCheck.problems(steps))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains(
                        "pods \"debug\" is forbidden: violates PodSecurity \"restricted:v1.33\"")
                    .contains("privileged"));
  }

  @Test
  void aDeploymentThatViolatesPodSecurityFailsOnItsWarningAndAsAPod() throws IOException {
    Path copy =
        copy(
            "violating",
            objects ->
                container(objects).withObjectProperty("securityContext").remove("capabilities"));
    ClusterCheck check = check();

    List<ClusterCheck.Step> steps = check.run(copy);

    // Pod Security only warns about a Deployment: the warning alone fails the dry run...
    assertThat(last(steps).step()).isEqualTo("server-side dry run");
    assertThat(ClusterCheck.problems(steps))
        .singleElement()
        .asString()
        .startsWith("server-side dry run: Warning: would violate PodSecurity \"restricted:v1.33\"")
        .contains("capabilities.drop=[\"ALL\"]");
    // ... and, applied anyway, the ReplicaSet controller's Pods are refused, as is its pod
    // template as a Pod.
    assertThat(check.apply(copy).problems()).isNotEmpty();
    assertThat(check.controllersMakePods(Manifest.read(copy)).problems())
        .isNotEmpty()
        .allSatisfy(
            p ->
                assertThat(p)
                    .startsWith("ReplicaSet/" + WORKLOAD + "-")
                    .contains("forbidden: violates PodSecurity"));
    assertThat(check.podsAdmitted(Manifest.read(copy)).problems())
        .singleElement()
        .asString()
        .contains("pods \"deployment-" + WORKLOAD + "\" is forbidden: violates PodSecurity");
  }

  @Test
  void aChangeMadeBehindTheDeploysBackIsDrift() throws IOException {
    Path copy = copy("drifted", objects -> {});
    ClusterCheck check = check();
    assertThat(ClusterCheck.problems(check.run(copy))).isEmpty();

    plane
        .kubectl()
        .run(
            "patch",
            "-n",
            "broken-drifted",
            "deployment",
            WORKLOAD,
            "--type=merge",
            "-p",
            "{\"spec\":{\"revisionHistoryLimit\":3}}")
        .orThrow();

    // The deploy's apply would now meet another manager's value (a conflict, kubectl diff's
    // exit code 2); a field the deploy owns alone would show in the diff (exit code 1).
    assertThat(check.secondApplyChangesNothing(copy).problems())
        .singleElement()
        .asString()
        .contains("spec.revisionHistoryLimit");
  }

  private static ClusterCheck check() {
    return new ClusterCheck(plane.kubectl());
  }

  private static ClusterCheck.Step last(List<ClusterCheck.Step> steps) {
    return steps.get(steps.size() - 1);
  }

  /**
   * {@code dist/dev/}'s manifests in the namespace {@code broken-<name>}, changed by {@code
   * change}, as one file in a folder of their own.
   */
  private static Path copy(String name, Consumer<List<Manifest>> change) throws IOException {
    Path target = Files.createDirectories(folder.resolve(name));
    StringBuilder text = new StringBuilder();
    try (Stream<Path> files = Files.list(DEV)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        text.append(Files.readString(file));
      }
    }
    Path scratch = Files.createDirectories(folder.resolve(name + "-original"));
    Files.writeString(
        scratch.resolve("all.yaml"), text.toString().replace("shop-dev", "broken-" + name));
    List<Manifest> objects = new ArrayList<>(Manifest.read(scratch));
    change.accept(objects);
    Manifest.write(objects, target.resolve("all.yaml"));
    return target;
  }

  private static Manifest deployment(List<Manifest> objects) {
    return objects.stream()
        .filter(m -> m.kind().equals("Deployment") && m.name().equals(WORKLOAD))
        .findFirst()
        .orElseThrow();
  }

  private static ObjectNode container(List<Manifest> objects) {
    return firstContainer(
        deployment(objects)
            .object()
            .withObjectProperty("spec")
            .withObjectProperty("template")
            .withObjectProperty("spec"));
  }

  private static ObjectNode firstContainer(ObjectNode podSpec) {
    return (ObjectNode) podSpec.withArray("containers").get(0);
  }
}
