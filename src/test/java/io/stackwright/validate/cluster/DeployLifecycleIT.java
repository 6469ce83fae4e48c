package io.stackwright.validate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.cli.Main;
import io.stackwright.validate.InstalledTools;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy command of docs/operations.md on a real API server, through a stack's life: deploy,
 * change the environment and deploy again, remove a service from the stack and deploy: the removed
 * service's objects are gone (and the controllers' garbage collector removes its ReplicaSets and
 * Pods), every other object is as the new synth wrote it, and an object whose manifest did not
 * change was not written by the deploy.
 */
class DeployLifecycleIT {
  /** The deploy command of docs/operations.md, word for word (section "Deploying"). */
  static final String DEPLOY =
      "kubectl get namespace shop-prod >/dev/null 2>&1 ||\n"
          + "  kubectl apply --server-side -f dist/prod/00-namespace.yaml\n"
          + "KUBECTL_APPLYSET=true kubectl apply --server-side --prune --applyset=stackwright \\\n"
          + "  -n shop-prod -f dist/prod\n";

  private static final String NAMESPACE = "lifecycle";
  private static final String ENVIRONMENT = "lab";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path folder;
  private static ControlPlane plane;

  /** Every kind any synth of the test wrote: a kind a later synth lacks may have objects left. */
  private static final Set<String> kinds = new TreeSet<>();

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
  void theOperationsGuideDocumentsThisDeployCommand() throws IOException {
    assertThat(Files.readString(InstalledTools.PROJECT.resolve("docs/operations.md")))
        .contains(DEPLOY);
  }

  @Test
  void deployChangeAndRemoveAService() throws Exception {
    Path project = Files.createDirectories(folder.resolve("project"));
    environment(project, "3.2.0", 2);

    List<Manifest> first = synthAndDeploy(project, new LifecycleStack(true));
    Map<String, String> firstLive = live(first);
    assertThat(firstLive.keySet()).isEqualTo(ids(first));
    assertThat(ids(first)).anyMatch(id -> id.startsWith("Deployment/" + NAMESPACE + "/worker"));

    // Change the environment: a new image and a third replica.
    environment(project, "3.2.1", 3);
    List<Manifest> second = synthAndDeploy(project, new LifecycleStack(true));
    Map<String, String> secondLive = live(second);
    assertThat(secondLive.keySet()).isEqualTo(ids(second));
    JsonNode api = get("deployment/api");
    assertThat(api.path("spec").path("replicas").asInt()).isEqualTo(3);
    assertThat(api.toString()).contains("tasks-api:3.2.1");
    assertUntouchedWhereUnchanged(first, firstLive, second, secondLive);

    // Remove the worker from the stack.
    List<Manifest> third = synthAndDeploy(project, new LifecycleStack(false));
    Map<String, String> thirdLive = live(third);
    assertThat(ids(third)).noneMatch(id -> id.contains("worker"));
    assertThat(thirdLive.keySet()).as("what is left of the stack").isEqualTo(ids(third));
    for (Manifest gone : second) {
      if (!ids(third).contains(gone.id())) {
        assertThat(gone.id()).contains("worker");
        assertThat(plane.kubectl().run("get", "-n", NAMESPACE, gone.kind(), gone.name()).stderr())
            .as(gone.id())
            .contains("NotFound");
      }
    }
    assertUntouchedWhereUnchanged(second, secondLive, third, thirdLive);
    awaitNoWorkerPods();

    // The same deploy once more writes nothing at all.
    deploy(project);
    assertThat(live(third)).isEqualTo(thirdLive);
  }

  /**
   * Writes {@code environments/lab.yaml}: the example's images at {@code tag}, the API's replicas.
   */
  private static void environment(Path project, String tag, int replicas) throws IOException {
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(
        project.resolve("environments").resolve(ENVIRONMENT + ".yaml"),
        "namespace: "
            + NAMESPACE
            + "\n"
            + "api:\n"
            + "  image: ghcr.io/acme/tasks-api:"
            + tag
            + "\n"
            + "  replicas: "
            + replicas
            + "\n"
            + "worker:\n"
            + "  image: ghcr.io/acme/tasks-worker:"
            + tag
            + "\n"
            + "  replicas: 2\n"
            + "cluster:\n"
            + "  apiServerCidrs: [10.96.0.1/32]\n");
  }

  private static List<Manifest> synthAndDeploy(Path project, LifecycleStack stack)
      throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            stack,
            new String[] {
              "synth", "--env", ENVIRONMENT, "--project-dir", project.toString(), "--rebuild"
            },
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            name -> null);
    assertThat(code).as(out + "\n" + err).isZero();
    deploy(project);
    return Manifest.read(project.resolve("dist").resolve(ENVIRONMENT));
  }

  /**
   * Runs {@link #DEPLOY} for this environment with bash in {@code project}, the control plane's
   * kubectl first on {@code PATH}.
   */
  private static void deploy(Path project) throws IOException, InterruptedException {
    Path bin = Files.createDirectories(folder.resolve("bin"));
    Path kubectl = bin.resolve("kubectl");
    if (!Files.exists(kubectl, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(kubectl, plane.kubectl().executable());
    }
    String command =
        DEPLOY.replace("dist/prod", "dist/" + ENVIRONMENT).replace("shop-prod", NAMESPACE);
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-euo", "pipefail", "-c", command)
            .directory(project.toFile())
            .redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("KUBE"));
    environment.put("KUBECONFIG", plane.kubectl().kubeconfig().toString());
    environment.put("PATH", bin + File.pathSeparator + environment.get("PATH"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
    assertThat(process.exitValue()).as(command + "\n" + output).isZero();
    assertThat(output).as("warnings").doesNotContain("Warning:");
  }

  /**
   * Every object the ApplySet holds, of every kind these and earlier manifests have (kubectl labels
   * the ApplySet's members), with what only a deploy changes: its uid (a new one if it was deleted
   * and created again), its generation (bumped by a change of its spec) and the deploy's field
   * manager's entry (its time is that of the last apply that changed a field). The resourceVersion
   * would not do: the controllers write the status of Deployments and PodDisruptionBudgets.
   */
  private static Map<String, String> live(List<Manifest> manifests) throws IOException {
    manifests.forEach(m -> kinds.add(m.kind().toLowerCase(Locale.ROOT)));
    String out =
        plane
            .kubectl()
            .run(
                "get",
                String.join(",", kinds),
                "--all-namespaces",
                "-l",
                "applyset.kubernetes.io/part-of",
                "--show-managed-fields",
                "-o",
                "json")
            .orThrow()
            .stdout();
    Map<String, String> live = new TreeMap<>();
    for (JsonNode item : JSON.readTree(out).path("items")) {
      Manifest manifest = new Manifest((ObjectNode) item);
      JsonNode metadata = item.path("metadata");
      StringBuilder fingerprint =
          new StringBuilder(metadata.path("uid").asText())
              .append(" generation ")
              .append(metadata.path("generation").asText("-"));
      for (JsonNode entry : metadata.path("managedFields")) {
        if (entry.path("manager").asText().equals(ClusterCheck.FIELD_MANAGER)
            && entry.path("operation").asText().equals("Apply")) {
          fingerprint.append(' ').append(entry);
        }
      }
      live.put(manifest.id(), fingerprint.toString());
    }
    return live;
  }

  /** The garbage collector removes the ReplicaSets and Pods of the pruned Deployment. */
  private static void awaitNoWorkerPods() throws InterruptedException {
    long deadline = System.nanoTime() + ClusterCheck.PODS_TIMEOUT.toNanos();
    List<String> left;
    do {
      left =
          plane
              .kubectl()
              .run("get", "replicasets,pods", "-n", NAMESPACE, "-o", "name")
              .orThrow()
              .stdout()
              .lines()
              .filter(name -> name.contains("/worker-"))
              .toList();
      if (left.isEmpty()) {
        return;
      }
      Thread.sleep(250);
    } while (System.nanoTime() < deadline);
    assertThat(left).as("the worker's ReplicaSets and Pods").isEmpty();
  }

  private static JsonNode get(String object) throws IOException {
    return JSON.readTree(
        plane.kubectl().run("get", "-n", NAMESPACE, object, "-o", "json").orThrow().stdout());
  }

  private static TreeSet<String> ids(List<Manifest> manifests) {
    return manifests.stream().map(Manifest::id).collect(Collectors.toCollection(TreeSet::new));
  }

  /** An object whose manifest is the same in both synths was not written by the deploy. */
  private static void assertUntouchedWhereUnchanged(
      List<Manifest> before,
      Map<String, String> liveBefore,
      List<Manifest> after,
      Map<String, String> liveAfter) {
    Map<String, Manifest> old =
        before.stream().collect(Collectors.toMap(Manifest::id, Function.identity()));
    int unchanged = 0;
    for (Manifest manifest : after) {
      Manifest earlier = old.get(manifest.id());
      if (earlier != null && earlier.object().equals(manifest.object())) {
        unchanged++;
        assertThat(liveAfter.get(manifest.id()))
            .as("uid, generation and the deploy's fields of unchanged " + manifest.id())
            .isEqualTo(liveBefore.get(manifest.id()));
      }
    }
    assertThat(unchanged).as("objects whose manifest did not change").isPositive();
  }
}
