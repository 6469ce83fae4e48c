package io.stackwright.render.k8s;

import io.stackwright.model.ApiAccess;
import io.stackwright.model.Autoscaling;
import io.stackwright.model.ConfigFile;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Exposure;
import io.stackwright.model.Memory;
import io.stackwright.model.Patch;
import io.stackwright.model.PersistentData;
import io.stackwright.model.Resources;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.model.WorkloadKind;
import io.stackwright.render.Addresses;
import io.stackwright.render.DevSecrets;
import io.stackwright.render.Labels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.Duration;
import org.cdk8s.Size;
import org.cdk8s.plus33.Capability;
import org.cdk8s.plus33.ConfigMap;
import org.cdk8s.plus33.ConfigMapProps;
import org.cdk8s.plus33.ConfigMapVolumeOptions;
import org.cdk8s.plus33.ContainerPort;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.ContainerResources;
import org.cdk8s.plus33.ContainerSecurityContextProps;
import org.cdk8s.plus33.ContainerSecutiryContextCapabilities;
import org.cdk8s.plus33.CpuResources;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.DeploymentProps;
import org.cdk8s.plus33.EmptyDirMedium;
import org.cdk8s.plus33.EmptyDirVolumeOptions;
import org.cdk8s.plus33.EnvFrom;
import org.cdk8s.plus33.FsGroupChangePolicy;
import org.cdk8s.plus33.HorizontalPodAutoscaler;
import org.cdk8s.plus33.HorizontalPodAutoscalerProps;
import org.cdk8s.plus33.HttpGetProbeOptions;
import org.cdk8s.plus33.ImagePullPolicy;
import org.cdk8s.plus33.MemoryResources;
import org.cdk8s.plus33.Namespace;
import org.cdk8s.plus33.NamespaceProps;
import org.cdk8s.plus33.PathMapping;
import org.cdk8s.plus33.PersistentVolumeAccessMode;
import org.cdk8s.plus33.PersistentVolumeClaimTemplateProps;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.Probe;
import org.cdk8s.plus33.SeccompProfile;
import org.cdk8s.plus33.SeccompProfileType;
import org.cdk8s.plus33.Secret;
import org.cdk8s.plus33.SecretProps;
import org.cdk8s.plus33.SecretVolumeOptions;
import org.cdk8s.plus33.Service;
import org.cdk8s.plus33.ServicePort;
import org.cdk8s.plus33.ServiceProps;
import org.cdk8s.plus33.StatefulSet;
import org.cdk8s.plus33.StatefulSetProps;
import org.cdk8s.plus33.Volume;
import org.cdk8s.plus33.VolumeMount;
import software.constructs.Construct;

/**
 * Renders a {@link StackModel} into Kubernetes objects with cdk8s and cdk8s-plus, one file per
 * service.
 *
 * <p>Files: {@code 00-namespace.yaml} (so that {@code kubectl apply -f}, which goes in name order,
 * creates the namespace first), {@code 01-dev-secrets.yaml} in a development environment, and
 * {@code <service>.yaml} with every object of that service.
 *
 * <p>Every pod runs under Pod Security "restricted": non-root, no privilege escalation, all
 * capabilities dropped, the runtime's default seccomp profile, a read-only root filesystem with an
 * {@code emptyDir} for each path that must be writable, and no service-account token. The namespace
 * enforces that level.
 */
public final class KubernetesRenderer {

  /** The Kubernetes minor version the objects and the Pod Security level target. */
  public static final String KUBERNETES_VERSION = "v1.33";

  /** The file with the Namespace, named to sort, and so apply, first. */
  public static final String NAMESPACE_FILE = "00-namespace.yaml";

  /** The file with the objects added by {@link io.stackwright.stack.Stack#addRawObject}. */
  public static final String RAW_FILE = "99-raw.yaml";

  private static final String DEV_SECRETS_FILE = "01-dev-secrets.yaml";
  private static final String NAME_LABEL = Labels.NAME;
  private static final String CONFIG_CHECKSUM = "stackwright.io/config-sha256";
  private static final String DEV_SECRET_MARK = "stackwright.io/development-value";

  /**
   * Renders the stack.
   *
   * @param stack the checked model of one environment
   * @return file name to the objects in it, in apply order
   */
  public Map<String, List<Map<String, Object>>> render(StackModel stack) {
    JsiiKernel.awaitStart();
    App app = new App();
    // The objects of each file: those cdk8s synthesizes (the charts of the namespace and the
    // development Secrets, and for the services, a part of one chart) and those built in Java.
    Map<String, Chart> charts = new LinkedHashMap<>();
    Map<String, PlainObjects> plain = new LinkedHashMap<>();

    Chart namespaceChart = chart(app, "namespace", null, Labels.stackWide(stack));
    charts.put(NAMESPACE_FILE, namespaceChart);
    plain.put(NAMESPACE_FILE, new PlainObjects(null, Labels.stackWide(stack)));
    new Namespace(
        namespaceChart,
        "namespace",
        NamespaceProps.builder()
            .metadata(
                ApiObjectMetadata.builder()
                    .name(stack.namespace())
                    .labels(podSecurityLabels())
                    .build())
            .build());
    plain
        .get(NAMESPACE_FILE)
        .add(
            "networking.k8s.io/v1",
            "NetworkPolicy",
            NetworkPolicies.DEFAULT_DENY,
            Map.of("spec", NetworkPolicies.defaultDeny()))
        .put("namespace", stack.namespace());

    if (stack.development()) {
      Chart secretsChart = chart(app, "dev-secrets", stack.namespace(), Labels.stackWide(stack));
      charts.put(DEV_SECRETS_FILE, secretsChart);
      plain.put(DEV_SECRETS_FILE, new PlainObjects(stack.namespace(), Labels.stackWide(stack)));
      devSecrets(secretsChart, stack);
    }
    // One chart for every service, so that cdk8s synthesizes them in one call: it prepares and
    // validates the whole app for each chart it synthesizes, and each call is a round trip.
    Chart services = chart(app, "services", stack.namespace(), Map.of());
    for (ServiceModel service : stack.kubernetesServices()) {
      PlainObjects objects = new PlainObjects(stack.namespace(), Labels.of(stack, service));
      plain.put(serviceFile(service.name()), objects);
      renderService(services, objects, stack, service);
    }

    Map<String, List<Object>> synthesized = new LinkedHashMap<>();
    charts.forEach((file, chart) -> synthesized.put(file, chart.toJson()));
    synthesized.putAll(byService(services.toJson()));
    Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
    plain.forEach(
        (file, objects) ->
            files.put(
                file,
                Manifests.normalize(objects.addTo(synthesized.getOrDefault(file, List.of())))));
    if (!stack.rawObjects().isEmpty()) {
      List<Object> raw = new ArrayList<>();
      stack.rawObjects().forEach(object -> raw.add(object.mutableCopy()));
      files.put(RAW_FILE, Manifests.normalize(raw));
    }
    Manifests.requireUnique(files);
    applyPatches(stack, files);
    return files;
  }

  /** Runs each Kubernetes patch of the stack on the object it names, in the order added. */
  private static void applyPatches(StackModel stack, Map<String, List<Map<String, Object>>> files) {
    List<String> matched = new ArrayList<>();
    for (Patch patch : stack.patches()) {
      if (patch.compose()) {
        continue;
      }
      for (List<Map<String, Object>> objects : files.values()) {
        for (int i = 0; i < objects.size(); i++) {
          Map<String, Object> object = objects.get(i);
          if (patch.kind().equals(Manifests.kind(object))
              && patch.name().equals(Manifests.name(object))) {
            objects.set(i, patch.applyTo(object));
            matched.add(patch.ref());
          }
        }
      }
    }
    Patch.requireMatched(stack.patches(), false, matched);
  }

  private static Chart chart(App app, String id, String namespace, Map<String, String> labels) {
    ChartProps.Builder props =
        ChartProps.builder().disableResourceNameHashes(true).labels(new TreeMap<>(labels));
    if (namespace != null) {
      props.namespace(namespace);
    }
    return new Chart(app, id, props.build());
  }

  private static String serviceFile(String service) {
    return service + ".yaml";
  }

  /**
   * The objects of the services' chart, by the file of the service each belongs to: the one its
   * {@value #NAME_LABEL} label names, as every object of a service has.
   *
   * @throws IllegalStateException when an object has no such label
   */
  private static Map<String, List<Object>> byService(List<Object> synthesized) {
    Map<String, List<Object>> files = new LinkedHashMap<>();
    for (Object object : synthesized) {
      if (!(object instanceof Map<?, ?> manifest
          && manifest.get("metadata") instanceof Map<?, ?> metadata
          && metadata.get("labels") instanceof Map<?, ?> labels
          && labels.get(NAME_LABEL) instanceof String service)) {
        throw new IllegalStateException(
            "an object of the services' chart has no " + NAME_LABEL + " label: " + object);
      }
      files.computeIfAbsent(serviceFile(service), file -> new ArrayList<>()).add(object);
    }
    return files;
  }

  /**
   * The metadata of an object of {@code service}, with the service's labels: the services share one
   * chart, which can give them none.
   */
  static ApiObjectMetadata metadata(StackModel stack, ServiceModel service, String name) {
    return ApiObjectMetadata.builder().name(name).labels(Labels.of(stack, service)).build();
  }

  /**
   * The id of a construct of {@code service} in the services' chart; {@code :} cannot occur in a
   * service's name, so that no two services' ids are the same.
   */
  static String id(ServiceModel service, String part) {
    return service.name() + ":" + part;
  }

  private static Map<String, String> podSecurityLabels() {
    Map<String, String> labels = new TreeMap<>();
    for (String mode : List.of("enforce", "audit", "warn")) {
      labels.put("pod-security.kubernetes.io/" + mode, "restricted");
      labels.put("pod-security.kubernetes.io/" + mode + "-version", KUBERNETES_VERSION);
    }
    return labels;
  }

  /**
   * The Secrets of a development environment, with marked values: one per Secret name, holding
   * every key any service reads from it. Other environments only refer to Secrets that must exist.
   */
  private static void devSecrets(Chart chart, StackModel stack) {
    Map<String, Map<String, String>> data = new TreeMap<>();
    for (SecretFile file : stack.secrets()) {
      data.computeIfAbsent(file.secretName(), name -> new TreeMap<>())
          .put(file.key(), DevSecrets.value(file));
    }
    data.forEach(
        (name, values) ->
            new Secret(
                chart,
                name,
                SecretProps.builder()
                    .metadata(
                        ApiObjectMetadata.builder()
                            .name(name)
                            .annotations(
                                Map.of(
                                    DEV_SECRET_MARK,
                                    "generated for development: not a secret, never use it"
                                        + " elsewhere"))
                            .build())
                    .stringData(values)
                    .build()));
  }

  private static void renderService(
      Chart chart, PlainObjects plain, StackModel stack, ServiceModel service) {
    Map<String, String> env =
        Addresses.resolve(service.env(), host -> host + "." + stack.namespace() + ".svc");
    List<EnvFrom> envFrom = new ArrayList<>();
    if (!env.isEmpty()) {
      ConfigMap config =
          new ConfigMap(
              chart,
              id(service, "env"),
              ConfigMapProps.builder()
                  .metadata(metadata(stack, service, service.name() + "-env"))
                  .data(env)
                  .build());
      envFrom.add(new EnvFrom(config));
    }

    List<VolumeMount> mounts = new ArrayList<>();
    Map<String, String> files = new TreeMap<>();
    service.configFiles().forEach(file -> files.put(file.name(), file.kubernetes()));
    if (!files.isEmpty()) {
      ConfigMap configFiles =
          new ConfigMap(
              chart,
              id(service, "config"),
              ConfigMapProps.builder()
                  .metadata(metadata(stack, service, service.name() + "-config"))
                  .data(files)
                  .build());
      Map<String, PathMapping> items = new TreeMap<>();
      files.keySet().forEach(name -> items.put(name, PathMapping.builder().path(name).build()));
      Volume volume =
          JsiiValues.volume(
              List.of("config-map", service.name() + "-config", List.copyOf(files.keySet())),
              (scope, id) ->
                  Volume.fromConfigMap(
                      scope,
                      id,
                      configFiles,
                      ConfigMapVolumeOptions.builder()
                          .name("config")
                          .defaultMode(0444)
                          .items(items)
                          .build()));
      for (ConfigFile file : service.configFiles()) {
        // One file at its own path, leaving the rest of the image's directory as it is.
        mounts.add(
            VolumeMount.builder()
                .path(file.mountPath())
                .subPath(file.name())
                .readOnly(true)
                .volume(volume)
                .build());
      }
    }
    for (String path : service.writablePaths()) {
      mounts.add(
          VolumeMount.builder()
              .path(path)
              .volume(emptyDir(volumeName(path), service.inMemory().get(path)))
              .build());
    }
    for (SecretFile file : service.secrets()) {
      mounts.add(secretMount(file));
    }
    PersistentData data = service.data();
    if (data != null) {
      // cdk8s-plus binds a mount to the claim template of the same volume name.
      mounts.add(
          VolumeMount.builder()
              .path(data.mountPath())
              .volume(emptyDir(data.volume(), null))
              .build());
    }

    List<ContainerPort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(ContainerPort.builder().name(port.name()).number(port.port()).build());
    }

    ContainerProps.Builder containerBuilder =
        ContainerProps.builder()
            .name(service.name())
            .image(service.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .ports(ports)
            .envFrom(envFrom)
            .volumeMounts(mounts)
            .resources(resources(service))
            .securityContext(securityContext(service.security()))
            .readiness(probe(service.readiness(), 0))
            .liveness(probe(service.liveness(), 0))
            .startup(startupProbe(service));
    if (!service.command().isEmpty()) {
      containerBuilder.command(service.command());
    }
    if (!service.args().isEmpty()) {
      containerBuilder.args(service.args());
    }
    ContainerProps container = containerBuilder.build();

    Map<String, String> hashed = new TreeMap<>();
    env.forEach((key, value) -> hashed.put("env/" + key, value));
    files.forEach((name, content) -> hashed.put("file/" + name, content));
    ApiObjectMetadata podMetadata =
        ApiObjectMetadata.builder()
            .labels(Labels.of(stack, service))
            .annotations(podAnnotations(stack, service, sha256(hashed)))
            .build();
    PodSecurityContextProps podSecurity = podSecurity(service.security());
    ApiObjectMetadata objectMetadata = metadata(stack, service, service.name());
    String kind = service.kind() == WorkloadKind.STATEFUL_SET ? "StatefulSet" : "Deployment";
    boolean apiAccess = serviceAccount(plain, stack, service, kind);
    select(plain, kind, service.name(), Labels.selector(stack, service));

    if (service.kind() == WorkloadKind.STATEFUL_SET) {
      Service headless = service(chart, stack, service, "None");
      new StatefulSet(
          chart,
          id(service, "workload"),
          StatefulSetProps.builder()
              .metadata(objectMetadata)
              .podMetadata(podMetadata)
              .select(false)
              .service(headless)
              .replicas(service.replicas())
              .containers(List.of(container))
              .securityContext(podSecurity)
              .automountServiceAccountToken(apiAccess)
              .volumeClaimTemplates(List.of(claimTemplate(data)))
              .build());
    } else {
      service(chart, stack, service, null);
      DeploymentProps.Builder deployment =
          DeploymentProps.builder()
              .metadata(objectMetadata)
              .podMetadata(podMetadata)
              .select(false)
              // Never below the desired count during a rollout.
              .strategy(JsiiValues.rollingUpdate(1, 0))
              .containers(List.of(container))
              .securityContext(podSecurity)
              .automountServiceAccountToken(apiAccess);
      if (service.autoscaling() == null) {
        deployment.replicas(service.replicas());
      }
      Deployment created = new Deployment(chart, id(service, "workload"), deployment.build());
      if (service.autoscaling() != null) {
        autoscaler(chart, stack, service, created);
      }
    }
    if (service.replicated()) {
      spread(plain, kind, service.name(), Labels.selector(stack, service));
      disruptionBudget(plain, service.name(), Labels.selector(stack, service));
    }
    plain.add(
        "networking.k8s.io/v1",
        "NetworkPolicy",
        service.name(),
        Map.of("spec", NetworkPolicies.forService(stack, service)));
    if (service.exposure() != null && service.exposure().ingress() != null) {
      ingress(plain, service, service.exposure().ingress());
    }
    for (ScheduledJob job : service.jobs()) {
      CronJobs.render(chart, plain, stack, service, job);
    }
  }

  private static Map<String, String> podAnnotations(
      StackModel stack, ServiceModel service, String checksum) {
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(CONFIG_CHECKSUM, checksum);
    if (!service.security().readOnlyRootFilesystem()) {
      annotations.put(Labels.WRITABLE_ROOT, service.security().writableRootReason());
    }
    if (service.metrics() != null && stack.network().prometheus() != null) {
      // The cluster's Prometheus finds its targets by these, as its common configurations do.
      annotations.put("prometheus.io/scrape", "true");
      annotations.put(
          "prometheus.io/port",
          Integer.toString(service.port(service.metrics().portName()).port()));
      annotations.put("prometheus.io/path", service.metrics().path());
    }
    return annotations;
  }

  /**
   * Makes the workload {@code kind}/{@code name} and its Service select its pods by {@code
   * selector}. cdk8s-plus would only copy the labels through, at three round trips for the
   * workload's selector and one per label for the Service's.
   */
  private static void select(
      PlainObjects plain, String kind, String name, Map<String, String> selector) {
    plain.set(
        kind, name, List.of("spec", "selector"), Map.of("matchLabels", new TreeMap<>(selector)));
    plain.set("Service", name, List.of("spec", "selector"), new TreeMap<>(selector));
  }

  /**
   * Spreads replicas over nodes (and zones, where the cluster has them) so that losing one node
   * does not take every replica. {@code pod-template-hash} keeps a rollout's old and new pods from
   * counting against each other.
   */
  private static void spread(
      PlainObjects plain, String kind, String name, Map<String, String> selector) {
    List<Object> constraints = new ArrayList<>();
    for (String key : List.of("kubernetes.io/hostname", "topology.kubernetes.io/zone")) {
      Map<String, Object> constraint = new LinkedHashMap<>();
      constraint.put("maxSkew", 1);
      constraint.put("topologyKey", key);
      constraint.put("whenUnsatisfiable", "ScheduleAnyway");
      constraint.put("labelSelector", Map.of("matchLabels", new TreeMap<>(selector)));
      constraint.put("matchLabelKeys", List.of("pod-template-hash"));
      constraints.add(constraint);
    }
    plain.set(
        kind, name, List.of("spec", "template", "spec", "topologySpreadConstraints"), constraints);
  }

  /** At most one pod of a replicated service is evicted at a time (drains, upgrades). */
  static void disruptionBudget(PlainObjects plain, String name, Map<String, String> selector) {
    plain.add(
        "policy/v1",
        "PodDisruptionBudget",
        name,
        Map.of(
            "spec",
            Map.of(
                "maxUnavailable", 1, "selector", Map.of("matchLabels", new TreeMap<>(selector)))));
  }

  private static void autoscaler(
      Construct chart, StackModel stack, ServiceModel service, Deployment deployment) {
    Autoscaling scaling = service.autoscaling();
    new HorizontalPodAutoscaler(
        chart,
        id(service, "autoscaler"),
        HorizontalPodAutoscalerProps.builder()
            .metadata(metadata(stack, service, service.name()))
            .target(deployment)
            .minReplicas(scaling.minReplicas())
            .maxReplicas(scaling.maxReplicas())
            .metrics(List.of(JsiiValues.cpuUtilization(scaling.cpuUtilization())))
            .build());
  }

  private static void ingress(PlainObjects plain, ServiceModel service, Exposure.Ingress ingress) {
    Map<String, Object> backend =
        Map.of(
            "service",
            Map.of("name", service.name(), "port", Map.of("name", service.mainPort().name())));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("ingressClassName", ingress.className());
    if (ingress.tls()) {
      spec.put(
          "tls",
          List.of(Map.of("hosts", List.of(ingress.host()), "secretName", ingress.tlsSecret())));
    }
    spec.put(
        "rules",
        List.of(
            Map.of(
                "host",
                ingress.host(),
                "http",
                Map.of(
                    "paths",
                    List.of(Map.of("path", "/", "pathType", "Prefix", "backend", backend))))));
    Map<String, Object> metadata =
        plain.add("networking.k8s.io/v1", "Ingress", service.name(), Map.of("spec", spec));
    if (!ingress.annotations().isEmpty()) {
      metadata.put("annotations", new TreeMap<>(ingress.annotations()));
    }
  }

  /**
   * The service's own ServiceAccount, Role and RoleBinding, and its pods running as that account,
   * when it needs the Kubernetes API; else nothing, and the pods run with no token at all.
   *
   * @return whether the service needs the Kubernetes API
   */
  private static boolean serviceAccount(
      PlainObjects plain, StackModel stack, ServiceModel service, String kind) {
    if (service.apiAccess().isEmpty()) {
      return false;
    }
    String name = service.name();
    plain.add("v1", "ServiceAccount", name, Map.of("automountServiceAccountToken", false));
    List<Object> rules = new ArrayList<>();
    for (ApiAccess access : service.apiAccess()) {
      rules.add(
          Map.of(
              "apiGroups", access.apiGroups(),
              "resources", access.resources(),
              "verbs", access.verbs()));
    }
    plain.add("rbac.authorization.k8s.io/v1", "Role", name, Map.of("rules", rules));
    plain.add(
        "rbac.authorization.k8s.io/v1",
        "RoleBinding",
        name,
        Map.of(
            "roleRef",
            Map.of("apiGroup", "rbac.authorization.k8s.io", "kind", "Role", "name", name),
            "subjects",
            List.of(
                Map.of("kind", "ServiceAccount", "name", name, "namespace", stack.namespace()))));
    // cdk8s-plus would only copy the name through, at two round trips for an account reference.
    plain.set(kind, name, List.of("spec", "template", "spec", "serviceAccountName"), name);
    return true;
  }

  /**
   * A single file at the same path as Compose's {@code /run/secrets/<name>}, rather than a
   * directory.
   */
  static VolumeMount secretMount(SecretFile file) {
    Volume volume =
        JsiiValues.volume(
            List.of("secret", file.secretName(), file.key(), file.name()),
            (scope, id) ->
                Volume.fromSecret(
                    scope,
                    id,
                    JsiiValues.secret(file.secretName()),
                    SecretVolumeOptions.builder()
                        .name("secret-" + file.name())
                        .defaultMode(0440)
                        .items(Map.of(file.key(), PathMapping.builder().path(file.name()).build()))
                        .build()));
    return VolumeMount.builder()
        .path(file.path())
        .subPath(file.name())
        .readOnly(true)
        .volume(volume)
        .build();
  }

  static PodSecurityContextProps podSecurity(ContainerSecurity security) {
    return PodSecurityContextProps.builder()
        .ensureNonRoot(true)
        .user(security.runAsUser())
        .group(security.runAsGroup())
        .fsGroup(security.runAsGroup())
        .fsGroupChangePolicy(FsGroupChangePolicy.ON_ROOT_MISMATCH)
        .build();
  }

  static ContainerSecurityContextProps securityContext(ContainerSecurity security) {
    return ContainerSecurityContextProps.builder()
        .ensureNonRoot(true)
        .user(security.runAsUser())
        .group(security.runAsGroup())
        .readOnlyRootFilesystem(security.readOnlyRootFilesystem())
        .allowPrivilegeEscalation(!security.noNewPrivileges())
        .privileged(false)
        .capabilities(
            ContainerSecutiryContextCapabilities.builder()
                .drop(security.droppedCapabilities().stream().map(Capability::valueOf).toList())
                .build())
        .seccompProfile(SeccompProfile.builder().type(seccomp(security)).build())
        .build();
  }

  private static SeccompProfileType seccomp(ContainerSecurity security) {
    return switch (security.seccompProfile()) {
      case "RuntimeDefault" -> SeccompProfileType.RUNTIME_DEFAULT;
      default ->
          throw new IllegalStateException("no mapping for seccomp " + security.seccompProfile());
    };
  }

  private static Service service(
      Construct chart, StackModel stack, ServiceModel service, String clusterIp) {
    List<ServicePort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(
          ServicePort.builder()
              .name(port.name())
              .port(port.port())
              .targetPort(port.port())
              .build());
    }
    ServiceProps.Builder props =
        ServiceProps.builder().metadata(metadata(stack, service, service.name())).ports(ports);
    if (clusterIp != null) {
      props.clusterIp(clusterIp);
    }
    return new Service(chart, id(service, "service"), props.build());
  }

  private static PersistentVolumeClaimTemplateProps claimTemplate(PersistentData data) {
    PersistentVolumeClaimTemplateProps.Builder claim =
        PersistentVolumeClaimTemplateProps.builder()
            .name(data.volume())
            .storage(size(data.size()))
            .accessModes(List.of(PersistentVolumeAccessMode.READ_WRITE_ONCE));
    if (data.storageClass() != null) {
      claim.storageClassName(data.storageClass());
    }
    return claim.build();
  }

  private static ContainerResources resources(ServiceModel service) {
    return resources(service.resources());
  }

  static ContainerResources resources(Resources resources) {
    return ContainerResources.builder()
        .cpu(
            CpuResources.builder()
                .request(JsiiValues.millis(resources.cpu().millis()))
                .limit(JsiiValues.millis(resources.cpuLimit().millis()))
                .build())
        .memory(
            MemoryResources.builder()
                .request(size(resources.memory()))
                .limit(size(resources.memoryLimit()))
                .build())
        .build();
  }

  private static Probe probe(io.stackwright.model.Probe probe, int failureThreshold) {
    int threshold = failureThreshold > 0 ? failureThreshold : probe.failureThreshold();
    return JsiiValues.probe(List.of(probe, threshold), key -> newProbe(probe, threshold));
  }

  private static Probe newProbe(io.stackwright.model.Probe probe, int threshold) {
    Duration period = JsiiValues.seconds(probe.periodSeconds());
    Duration timeout = JsiiValues.seconds(probe.timeoutSeconds());
    if (probe.check() instanceof io.stackwright.model.Probe.HttpGet http) {
      return Probe.fromHttpGet(
          http.path(),
          HttpGetProbeOptions.builder()
              .port(http.port())
              .periodSeconds(period)
              .timeoutSeconds(timeout)
              .failureThreshold(threshold)
              .build());
    }
    io.stackwright.model.Probe.Exec exec = (io.stackwright.model.Probe.Exec) probe.check();
    return Probe.fromCommand(
        exec.command(),
        org.cdk8s.plus33.CommandProbeOptions.builder()
            .periodSeconds(period)
            .timeoutSeconds(timeout)
            .failureThreshold(threshold)
            .build());
  }

  /** The readiness check, repeated until {@code startupSeconds} have passed. */
  private static Probe startupProbe(ServiceModel service) {
    io.stackwright.model.Probe readiness = service.readiness();
    int attempts =
        Math.max(
            1,
            (service.startupSeconds() + readiness.periodSeconds() - 1) / readiness.periodSeconds());
    return probe(readiness, attempts);
  }

  static Size size(Memory memory) {
    return memory.mebibytes() % 1024 == 0
        ? JsiiValues.gibibytes(memory.mebibytes() >> 10)
        : JsiiValues.mebibytes(memory.mebibytes());
  }

  /** An {@code emptyDir} volume, on disk, or in memory up to {@code inMemory} when it is given. */
  static Volume emptyDir(String name, Memory inMemory) {
    if (inMemory == null) {
      return JsiiValues.volume(
          List.of("empty-dir", name), (scope, id) -> Volume.fromEmptyDir(scope, id, name));
    }
    return JsiiValues.volume(
        List.of("empty-dir", name, inMemory.mebibytes()),
        (scope, id) ->
            Volume.fromEmptyDir(
                scope,
                id,
                name,
                EmptyDirVolumeOptions.builder()
                    .medium(EmptyDirMedium.MEMORY)
                    .sizeLimit(size(inMemory))
                    .build()));
  }

  static String volumeName(String path) {
    String name = path.replaceAll("[^a-zA-Z0-9]+", "-").replaceAll("^-|-$", "");
    return name.toLowerCase(Locale.ROOT);
  }

  private static String sha256(Map<String, String> data) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(data).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
