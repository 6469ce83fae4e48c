package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a pod refers to by name exists when it starts: each ConfigMap, Secret and
 * PersistentVolumeClaim it mounts or reads (volumes, projected sources, a CSI volume's secret,
 * {@code envFrom}, {@code valueFrom}, {@code imagePullSecrets}) is in the output, in the pod's
 * namespace, with the keys the pod reads; or, for a Secret, is one the stack declares as external
 * (created outside the repository; see {@link PolicyInput#externalSecrets()}). Every volume mount
 * names a volume of the pod or a claim template of its StatefulSet. References marked {@code
 * optional: true} are left alone. A pod with a dangling reference stays pending with no other sign
 * until someone looks.
 */
final class ReferencesResolve implements PolicyRule {

  @Override
  public String id() {
    return "references-resolve";
  }

  @Override
  public String description() {
    return "Every ConfigMap, Secret, PersistentVolumeClaim and volume a pod refers to exists, or is"
        + " a Secret declared external.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    for (PodTemplate pod : input.podTemplates()) {
      new PodReferences(input, pod, violations).run();
    }
    return violations;
  }

  /** The references of one pod. */
  private record PodReferences(PolicyInput input, PodTemplate pod, List<Violation> violations) {

    void run() {
      Set<String> volumeNames = new TreeSet<>();
      List<?> volumes = Nodes.list(pod.spec(), "volumes");
      for (int i = 0; i < volumes.size(); i++) {
        Object volume = volumes.get(i);
        String field = pod.path() + ".volumes[" + i + "]";
        volumeNames.add(Nodes.text(volume, "name"));
        source("ConfigMap", Nodes.at(volume, "configMap"), "name", field + ".configMap");
        source("Secret", Nodes.at(volume, "secret"), "secretName", field + ".secret");
        // A CSI driver (a secrets store, say) may read a Secret to mount the volume.
        Object csiSecret = Nodes.at(volume, "csi", "nodePublishSecretRef");
        if (csiSecret != null) {
          refer(
              "Secret",
              Nodes.text(csiSecret, "name"),
              Set.of(),
              false,
              field + ".csi.nodePublishSecretRef");
        }
        Object claim = Nodes.at(volume, "persistentVolumeClaim");
        if (claim != null) {
          refer("PersistentVolumeClaim", Nodes.text(claim, "claimName"), Set.of(), false, field);
        }
        List<?> sources = Nodes.list(volume, "projected", "sources");
        for (int j = 0; j < sources.size(); j++) {
          String source = field + ".projected.sources[" + j + "]";
          source("ConfigMap", Nodes.at(sources.get(j), "configMap"), "name", source + ".configMap");
          source("Secret", Nodes.at(sources.get(j), "secret"), "name", source + ".secret");
        }
      }
      for (Object claim : Nodes.list(pod.owner().body(), "spec", "volumeClaimTemplates")) {
        volumeNames.add(Nodes.text(claim, "metadata", "name"));
      }
      for (PodTemplate.Container container : pod.allContainers()) {
        container(container, volumeNames);
      }
      List<?> pullSecrets = Nodes.list(pod.spec(), "imagePullSecrets");
      for (int i = 0; i < pullSecrets.size(); i++) {
        refer(
            "Secret",
            Nodes.text(pullSecrets.get(i), "name"),
            Set.of(),
            false,
            pod.path() + ".imagePullSecrets[" + i + "].name");
      }
    }

    private void container(PodTemplate.Container container, Set<String> volumeNames) {
      List<?> envFrom = Nodes.list(container.body(), "envFrom");
      for (int i = 0; i < envFrom.size(); i++) {
        String field = container.field("envFrom[" + i + "]");
        for (String kind : List.of("ConfigMap", "Secret")) {
          String key = kind.equals("Secret") ? "secretRef" : "configMapRef";
          Object ref = Nodes.at(envFrom.get(i), key);
          if (ref != null) {
            refer(
                kind,
                Nodes.text(ref, "name"),
                Set.of(),
                Nodes.isTrue(ref, "optional"),
                field + "." + key);
          }
        }
      }
      List<?> env = Nodes.list(container.body(), "env");
      for (int i = 0; i < env.size(); i++) {
        String field = container.field("env[" + i + "].valueFrom");
        for (String kind : List.of("ConfigMap", "Secret")) {
          String key = kind.equals("Secret") ? "secretKeyRef" : "configMapKeyRef";
          Object ref = Nodes.at(env.get(i), "valueFrom", key);
          if (ref != null) {
            String dataKey = Nodes.text(ref, "key");
            refer(
                kind,
                Nodes.text(ref, "name"),
                dataKey == null ? Set.of() : Set.of(dataKey),
                Nodes.isTrue(ref, "optional"),
                field + "." + key);
          }
        }
      }
      List<?> mounts = Nodes.list(container.body(), "volumeMounts");
      for (int i = 0; i < mounts.size(); i++) {
        String name = Nodes.text(mounts.get(i), "name");
        if (!volumeNames.contains(name)) {
          violations.add(
              Violation.of(
                  pod.owner(),
                  container.field("volumeMounts[" + i + "].name"),
                  "container "
                      + container.name()
                      + " mounts volume "
                      + name
                      + ", which the pod does not define; add it to the pod's volumes"));
        }
      }
    }

    /** A ConfigMap or Secret named in a volume or projected source, with the keys it reads. */
    private void source(String kind, Object source, String nameField, String field) {
      if (source != null) {
        refer(
            kind,
            Nodes.text(source, nameField),
            itemKeys(source),
            Nodes.isTrue(source, "optional"),
            field);
      }
    }

    private static Set<String> itemKeys(Object source) {
      Set<String> keys = new TreeSet<>();
      for (Object item : Nodes.list(source, "items")) {
        String key = Nodes.text(item, "key");
        if (key != null) {
          keys.add(key);
        }
      }
      return keys;
    }

    private void refer(String kind, String name, Set<String> keys, boolean optional, String field) {
      if (optional) {
        return;
      }
      String namespace = pod.owner().namespace();
      if (name == null || name.isEmpty()) {
        add(field, "refers to a " + kind + " without naming it; give its name");
        return;
      }
      var target = input.find(kind, namespace, name);
      if (target.isEmpty()) {
        if (kind.equals("Secret") && input.externalSecrets().contains(name)) {
          return;
        }
        add(
            field,
            "refers to "
                + kind
                + " "
                + name
                + ", which is not in the output"
                + (namespace.isEmpty() ? "" : " in namespace " + namespace)
                + (kind.equals("Secret")
                    ? " and is not one of the stack's external Secrets; create it in the stack, or"
                        + " declare it external so that it is created before the manifests are"
                        + " applied"
                    : "; add it to the stack"));
        return;
      }
      Set<String> present = target.get().dataKeys();
      for (String key : keys) {
        if (!present.contains(key)) {
          add(
              field,
              "reads key "
                  + key
                  + " of "
                  + kind
                  + " "
                  + name
                  + ", which has "
                  + (present.isEmpty() ? "no keys" : "only " + String.join(", ", present))
                  + "; add the key or read another one");
        }
      }
    }

    private void add(String field, String message) {
      violations.add(Violation.of(pod.owner(), field, message));
    }
  }
}
