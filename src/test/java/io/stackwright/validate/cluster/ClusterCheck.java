package io.stackwright.validate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Checks a folder of manifests ({@code dist/<env>/}) against a real API server, in the order a
 * deploy meets them; any warning the server sends is a problem, as is any error:
 *
 * <ol>
 *   <li>its namespaces are created (namespaced objects cannot be dry-run before their namespace
 *       exists), each with its {@code default} ServiceAccount at once (the controller-manager makes
 *       it too, a moment later);
 *   <li>{@code kubectl apply --server-side --dry-run=server} of the folder: schema, unknown fields
 *       (server-side apply refuses them), admission; Pod Security only warns about a workload;
 *   <li>the real apply;
 *   <li>the controllers make every Deployment's and StatefulSet's Pods, and Pod Security refuses
 *       none of them;
 *   <li>every pod template (Deployment, StatefulSet, CronJob …) admitted as a Pod, which Pod
 *       Security refuses under the namespace's enforced level where it only warned before;
 *   <li>{@code kubectl diff --server-side} is empty: the server's defaults make a second apply
 *       change nothing.
 * </ol>
 *
 * @param kubectl kubectl, as the cluster's administrator
 */
public record ClusterCheck(Kubectl kubectl) {

  /** How long the controllers may take to make a folder's Pods; they take a second or two. */
  public static final Duration PODS_TIMEOUT = Duration.ofSeconds(60);

  /** The field manager of {@code kubectl apply --server-side}; the diff must use the same one. */
  public static final String FIELD_MANAGER = "kubectl";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What one step found.
   *
   * @param step what was checked
   * @param problems what went wrong, each with kubectl's own words; empty when it passed
   * @param done what kubectl reported done, one line per object (e.g. {@code
   *     deployment.apps/backend serverside-applied (server dry run)})
   */
  public record Step(String step, List<String> problems, List<String> done) {
    /** Copies the lists. */
    public Step {
      problems = List.copyOf(problems);
      done = List.copyOf(done);
    }

    /** A step that found these problems before kubectl ran. */
    Step(String step, List<String> problems) {
      this(step, problems, List.of());
    }

    /** A step that ran kubectl: its complaints are the problems, its output what was done. */
    Step(String step, Kubectl.Result result) {
      this(step, complaints(result), result.stdout().lines().toList());
    }

    /** Whether nothing went wrong. */
    public boolean passed() {
      return problems.isEmpty();
    }
  }

  /**
   * Runs every step on {@code folder}, up to the first that finds a problem (the later steps need
   * the earlier ones).
   *
   * @return the steps run, the last of them failed unless all passed
   */
  public List<Step> run(Path folder) {
    List<Manifest> manifests = Manifest.read(folder);
    List<Step> steps = new ArrayList<>();
    for (Supplier<Step> step :
        List.<Supplier<Step>>of(
            () -> namespaces(manifests),
            () -> dryRun(folder),
            () -> apply(folder),
            () -> controllersMakePods(manifests),
            () -> podsAdmitted(manifests),
            () -> secondApplyChangesNothing(folder))) {
      Step done = step.get();
      steps.add(done);
      if (!done.passed()) {
        break;
      }
    }
    return steps;
  }

  /** Every problem of these steps, one per line, for an assertion's message. */
  public static List<String> problems(List<Step> steps) {
    return steps.stream()
        .flatMap(s -> s.problems().stream().map(p -> s.step() + ": " + p))
        .toList();
  }

  /**
   * Creates the folder's namespaces, each with a {@code default} ServiceAccount; a namespaced
   * object whose namespace the folder does not create is a problem: the folder would not apply to
   * an empty cluster.
   */
  public Step namespaces(List<Manifest> manifests) {
    String step = "namespaces";
    List<ObjectNode> namespaces =
        manifests.stream().filter(m -> m.kind().equals("Namespace")).map(Manifest::object).toList();
    Set<String> created = new LinkedHashSet<>();
    namespaces.forEach(n -> created.add(n.path("metadata").path("name").asText()));
    List<String> problems = new ArrayList<>();
    for (Manifest manifest : manifests) {
      if (!manifest.namespace().isEmpty() && !created.contains(manifest.namespace())) {
        problems.add(manifest.id() + " is in a namespace that no manifest of the folder creates");
      }
    }
    if (namespaces.isEmpty()) {
      problems.add("no Namespace in the folder");
    }
    if (!problems.isEmpty()) {
      return new Step(step, problems);
    }
    problems.addAll(complaints(apply(Manifest.asList(namespaces), false)));
    if (problems.isEmpty()) {
      List<ObjectNode> accounts =
          created.stream().map(ClusterCheck::defaultServiceAccount).toList();
      // Another field manager: the account is the controller-manager's, not the deploy's.
      problems.addAll(
          complaints(
              kubectl.run(
                  Map.of(),
                  Manifest.asList(accounts),
                  "apply",
                  "--server-side",
                  "--field-manager=test-serviceaccount-controller",
                  "-f",
                  "-")));
    }
    return new Step(step, problems);
  }

  /** {@code kubectl apply --server-side --dry-run=server -f <folder>}. */
  public Step dryRun(Path folder) {
    return new Step(
        "server-side dry run",
        kubectl.run("apply", "--server-side", "--dry-run=server", "-f", folder.toString()));
  }

  /** {@code kubectl apply --server-side -f <folder>}. */
  public Step apply(Path folder) {
    return new Step("apply", kubectl.run("apply", "--server-side", "-f", folder.toString()));
  }

  /**
   * Waits until the controllers have made the Pods of every Deployment (its replicas) and
   * StatefulSet (its first Pod: the next waits for that one to be ready, which it never is without
   * a node); a {@code FailedCreate} event in a namespace of the folder, such as a Pod that Pod
   * Security refuses, is a problem at once.
   */
  public Step controllersMakePods(List<Manifest> manifests) {
    String step = "controllers make the Pods";
    List<String> namespaces =
        manifests.stream().map(Manifest::namespace).filter(n -> !n.isEmpty()).distinct().toList();
    long deadline = System.nanoTime() + PODS_TIMEOUT.toNanos();
    List<String> waiting = List.of();
    while (System.nanoTime() < deadline) {
      List<String> refused = new ArrayList<>();
      List<String> done = new ArrayList<>();
      waiting = new ArrayList<>();
      for (String namespace : namespaces) {
        for (JsonNode event : items("events", namespace, "--field-selector=reason=FailedCreate")) {
          refused.add(
              event.path("involvedObject").path("kind").asText()
                  + "/"
                  + event.path("involvedObject").path("name").asText()
                  + ": "
                  + event.path("message").asText());
        }
        for (JsonNode workload : items("deployments,statefulsets", namespace)) {
          int made = workload.path("status").path("replicas").asInt(0);
          int wanted =
              workload.path("kind").asText().equals("StatefulSet")
                  ? 1
                  : workload.path("spec").path("replicas").asInt(1);
          String name =
              workload.path("kind").asText()
                  + "/"
                  + namespace
                  + "/"
                  + workload.path("metadata").path("name").asText();
          (made >= wanted ? done : waiting).add(name + ": " + made + " of " + wanted + " Pods");
        }
      }
      if (!refused.isEmpty()) {
        return new Step(step, refused);
      }
      if (waiting.isEmpty()) {
        return new Step(step, List.of(), done);
      }
      pause();
    }
    return new Step(step, List.of("no Pods within " + PODS_TIMEOUT + ": " + waiting));
  }

  /** Every pod template, as a bare Pod, through a server-side dry run of its creation. */
  public Step podsAdmitted(List<Manifest> manifests) {
    List<ObjectNode> pods =
        manifests.stream().map(Manifest::podFromTemplate).flatMap(Optional::stream).toList();
    String step = "pod templates admitted as Pods";
    return pods.isEmpty()
        ? new Step(step, List.of())
        : new Step(step, apply(Manifest.asList(pods), true));
  }

  /**
   * {@code kubectl diff --server-side} with the apply's field manager: what a second apply would
   * change, which must be nothing.
   */
  public Step secondApplyChangesNothing(Path folder) {
    String step = "second apply changes nothing (kubectl diff --server-side)";
    Kubectl.Result diff =
        kubectl.run(
            "diff", "--server-side", "--field-manager=" + FIELD_MANAGER, "-f", folder.toString());
    return switch (diff.exitCode()) {
      case 0 -> new Step(step, diff);
      case 1 -> new Step(step, List.of("a second apply would change:\n" + diff.stdout()));
      default -> new Step(step, List.of(diff.describe()));
    };
  }

  private List<JsonNode> items(String kinds, String namespace, String... options) {
    List<String> args = new ArrayList<>(List.of("get", kinds, "--namespace=" + namespace));
    args.addAll(List.of(options));
    args.addAll(List.of("-o", "json"));
    String json = kubectl.run(args.toArray(String[]::new)).orThrow().stdout();
    try {
      List<JsonNode> items = new ArrayList<>();
      JSON.readTree(json).path("items").forEach(items::add);
      return items;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Kubectl.Result apply(String objects, boolean dryRun) {
    List<String> args = new ArrayList<>(List.of("apply", "--server-side"));
    if (dryRun) {
      args.add("--dry-run=server");
    }
    args.addAll(List.of("-f", "-"));
    return kubectl.run(Map.of(), objects, args.toArray(String[]::new));
  }

  /** kubectl's errors and the server's warnings: each warning, or the whole output on failure. */
  private static List<String> complaints(Kubectl.Result result) {
    List<String> problems = new ArrayList<>(result.warnings());
    if (result.exitCode() != 0) {
      problems.add(result.describe());
    }
    return problems;
  }

  private static ObjectNode defaultServiceAccount(String namespace) {
    ObjectNode account = JsonNodeFactory.instance.objectNode();
    account.put("apiVersion", "v1").put("kind", "ServiceAccount");
    account.putObject("metadata").put("name", "default").put("namespace", namespace);
    return account;
  }
}
