package io.stackwright.validate.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Kubernetes gives a workload that its Compose service cannot express, for {@link Parity}:
 * from the workload itself (replicas, spread, sized volumes, a startup probe) and from the objects
 * beside it (autoscaler, disruption budget, network policy, Ingress, scheduled jobs, API access).
 */
final class KubernetesOnly {
  /** The kinds that give a workload something on Kubernetes alone. */
  private static final Set<String> BESIDE_WORKLOADS =
      Set.of(
          "HorizontalPodAutoscaler",
          "PodDisruptionBudget",
          "NetworkPolicy",
          "Ingress",
          "CronJob",
          "RoleBinding");

  private final KubeObject workload;
  private final String name;
  private final Map<String, Object> pod;

  private KubernetesOnly(KubeObject workload) {
    this.workload = workload;
    this.name = workload.name();
    this.pod = Nodes.map(workload.body(), "spec", "template", "spec");
  }

  /**
   * What Kubernetes gives {@code workload} that its Compose service cannot express.
   *
   * @param input the environment's output
   * @param workload a workload of it
   * @return what only Kubernetes gives it, sorted
   */
  static List<String> of(PolicyInput input, KubeObject workload) {
    KubernetesOnly only = new KubernetesOnly(workload);
    Set<String> found = new TreeSet<>(only.ofWorkload());
    for (KubeObject object : input.ofKinds(BESIDE_WORKLOADS)) {
      found.addAll(only.beside(object));
    }
    return List.copyOf(found);
  }

  private List<String> ofWorkload() {
    Set<String> only = new TreeSet<>();
    Long replicas = Nodes.integer(workload.body(), "spec", "replicas");
    if (replicas != null && replicas > 1) {
      only.add("more than one replica (Compose runs one)");
    }
    if (!Nodes.list(pod, "topologySpreadConstraints").isEmpty()) {
      only.add("spreading of its pods over nodes");
    }
    if (!Nodes.list(workload.body(), "spec", "volumeClaimTemplates").isEmpty()) {
      only.add("a sized volume (Compose volumes have no size)");
    }
    if (Nodes.map(Nodes.list(pod, "containers").stream().findFirst().orElse(null), "startupProbe")
            .size()
        > 0) {
      only.add(
          "a startup probe that holds off liveness (Compose: the health check's start period)");
    }
    return List.copyOf(only);
  }

  /** What {@code object}, of one of {@link #BESIDE_WORKLOADS}, gives the workload. */
  private List<String> beside(KubeObject object) {
    return switch (object.kind()) {
      case "HorizontalPodAutoscaler" ->
          name.equals(Nodes.text(object.body(), "spec", "scaleTargetRef", "name"))
              ? List.of("autoscaling (" + object.ref() + ")")
              : List.of();
      case "PodDisruptionBudget" -> disruptionBudget(object);
      case "NetworkPolicy" ->
          object.name().equals(name)
              ? List.of(
                  "network rules per port, DNS and the ingress controller ("
                      + object.ref()
                      + "; Compose has one internal network per edge)")
              : List.of();
      case "Ingress" -> ingress(object);
      case "CronJob" ->
          object.name().startsWith(name + "-")
              ? List.of("a scheduled job (" + object.ref() + ")")
              : List.of();
      case "RoleBinding" -> roleBinding(object);
      default -> List.of();
    };
  }

  private List<String> disruptionBudget(KubeObject budget) {
    Map<String, Object> podLabels =
        Nodes.map(workload.body(), "spec", "template", "metadata", "labels");
    Map<String, Object> selector = Nodes.map(budget.body(), "spec", "selector", "matchLabels");
    return !selector.isEmpty() && podLabels.entrySet().containsAll(selector.entrySet())
        ? List.of("a disruption budget (" + budget.ref() + ")")
        : List.of();
  }

  private List<String> ingress(KubeObject ingress) {
    Set<String> only = new TreeSet<>();
    for (Object rule : Nodes.list(ingress.body(), "spec", "rules")) {
      for (Object path : Nodes.list(rule, "http", "paths")) {
        if (name.equals(Nodes.text(path, "backend", "service", "name"))) {
          boolean tls = !Nodes.list(ingress.body(), "spec", "tls").isEmpty();
          only.add(
              "an Ingress for "
                  + Nodes.text(rule, "host")
                  + (tls ? " with TLS" : " without TLS")
                  + " ("
                  + ingress.ref()
                  + ")");
        }
      }
    }
    return List.copyOf(only);
  }

  private List<String> roleBinding(KubeObject binding) {
    String account = Nodes.text(pod, "serviceAccountName");
    Set<String> only = new TreeSet<>();
    for (Object subject : Nodes.list(binding.body(), "subjects")) {
      if (account != null
          && "ServiceAccount".equals(Nodes.text(subject, "kind"))
          && account.equals(Nodes.text(subject, "name"))) {
        only.add(
            "access to the Kubernetes API ("
                + Nodes.text(binding.body(), "roleRef", "kind")
                + "/"
                + Nodes.text(binding.body(), "roleRef", "name")
                + "; Compose lists its targets)");
      }
    }
    return List.copyOf(only);
  }
}
