package io.stackwright.validate.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
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
 *       exists), each with the {@code default} ServiceAccount the controller-manager would make;
 *   <li>{@code kubectl apply --server-side --dry-run=server} of the folder: schema, unknown fields
 *       (server-side apply refuses them), admission; Pod Security only warns about a workload;
 *   <li>the real apply;
 *   <li>every pod template (Deployment, StatefulSet, CronJob …) admitted as a Pod, which Pod
 *       Security refuses under the namespace's enforced level where it only warned before;
 *   <li>{@code kubectl diff --server-side} is empty: the server's defaults make a second apply
 *       change nothing.
 * </ol>
 *
 * @param kubectl kubectl, as the cluster's administrator
 */
public record ClusterCheck(Kubectl kubectl) {

  /** The field manager of {@code kubectl apply --server-side}; the diff must use the same one. */
  public static final String FIELD_MANAGER = "kubectl";

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
