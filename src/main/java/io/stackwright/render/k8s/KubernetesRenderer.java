package io.stackwright.render.k8s;

import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Memory;
import io.stackwright.model.PersistentData;
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
import org.cdk8s.plus33.ContainerPort;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.ContainerResources;
import org.cdk8s.plus33.ContainerSecurityContextProps;
import org.cdk8s.plus33.ContainerSecutiryContextCapabilities;
import org.cdk8s.plus33.CpuResources;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.DeploymentProps;
import org.cdk8s.plus33.DeploymentStrategy;
import org.cdk8s.plus33.DeploymentStrategyRollingUpdateOptions;
import org.cdk8s.plus33.Env;
import org.cdk8s.plus33.FsGroupChangePolicy;
import org.cdk8s.plus33.HttpGetProbeOptions;
import org.cdk8s.plus33.ISecret;
import org.cdk8s.plus33.ImagePullPolicy;
import org.cdk8s.plus33.LabelSelector;
import org.cdk8s.plus33.LabelSelectorOptions;
import org.cdk8s.plus33.MemoryResources;
import org.cdk8s.plus33.Namespace;
import org.cdk8s.plus33.NamespaceProps;
import org.cdk8s.plus33.PathMapping;
import org.cdk8s.plus33.PercentOrAbsolute;
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
import org.cdk8s.plus33.Workload;
import software.constructs.Construct;

/**
 * Renders a {@link StackModel} into Kubernetes objects with cdk8s and cdk8s-plus: one chart per
 * service, and one file per chart.
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

  private static final String CONFIG_CHECKSUM = "stackwright.io/config-sha256";
  private static final String DEV_SECRET_MARK = "stackwright.io/development-value";

  /**
   * Renders the stack.
   *
   * @return file name to the objects in it, in apply order
   */
  public Map<String, List<Map<String, Object>>> render(StackModel stack) {
    App app = new App();
    Map<String, Chart> charts = new LinkedHashMap<>();

    Chart namespaceChart = chart(app, "namespace", null, Labels.stackWide(stack));
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
    charts.put(NAMESPACE_FILE, namespaceChart);

    Map<String, ISecret> secrets;
    if (stack.development()) {
      Chart secretsChart = chart(app, "dev-secrets", stack.namespace(), Labels.stackWide(stack));
      charts.put("01-dev-secrets.yaml", secretsChart);
      secrets = devSecrets(secretsChart, stack);
    } else {
      secrets = new TreeMap<>();
      for (SecretFile file : stack.secrets()) {
        secrets.computeIfAbsent(
            file.secretName(),
            name -> Secret.fromSecretName(namespaceChart, "secret-" + name, name));
      }
    }
    for (ServiceModel service : stack.services()) {
      Chart chart = chart(app, service.name(), stack.namespace(), Labels.of(stack, service));
      renderService(chart, stack, service, secrets);
      charts.put(service.name() + ".yaml", chart);
    }

    Map<String, List<Map<String, Object>>> files = new LinkedHashMap<>();
    charts.forEach((file, chart) -> files.put(file, Manifests.normalize(chart.toJson())));
    return files;
  }

  private static Chart chart(App app, String id, String namespace, Map<String, String> labels) {
    ChartProps.Builder props =
        ChartProps.builder().disableResourceNameHashes(true).labels(new TreeMap<>(labels));
    if (namespace != null) {
      props.namespace(namespace);
    }
    return new Chart(app, id, props.build());
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
  private static Map<String, ISecret> devSecrets(Chart chart, StackModel stack) {
    Map<String, Map<String, String>> data = new TreeMap<>();
    for (SecretFile file : stack.secrets()) {
      data.computeIfAbsent(file.secretName(), name -> new TreeMap<>())
          .put(file.key(), DevSecrets.value(file));
    }
    Map<String, ISecret> secrets = new TreeMap<>();
    data.forEach(
        (name, values) ->
            secrets.put(
                name,
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
                        .build())));
    return secrets;
  }

  private static void renderService(
      Chart chart, StackModel stack, ServiceModel service, Map<String, ISecret> secrets) {
    Map<String, String> env =
        Addresses.resolve(service.env(), host -> host + "." + stack.namespace() + ".svc");
    ConfigMap config =
        new ConfigMap(
            chart,
            "env",
            ConfigMapProps.builder()
                .metadata(ApiObjectMetadata.builder().name(service.name() + "-env").build())
                .data(env)
                .build());

    List<VolumeMount> mounts = new ArrayList<>();
    for (String path : service.writablePaths()) {
      Volume scratch = Volume.fromEmptyDir(chart, "scratch" + path, volumeName(path));
      mounts.add(VolumeMount.builder().path(path).volume(scratch).build());
    }
    for (SecretFile file : service.secrets()) {
      Volume volume =
          Volume.fromSecret(
              chart,
              "secret-volume-" + file.name(),
              secrets.get(file.secretName()),
              SecretVolumeOptions.builder()
                  .name("secret-" + file.name())
                  .defaultMode(0440)
                  .items(Map.of(file.key(), PathMapping.builder().path(file.name()).build()))
                  .build());
      // A single file at the same path as Compose's /run/secrets/<name>, rather than a directory.
      mounts.add(
          VolumeMount.builder()
              .path(file.path())
              .subPath(file.name())
              .readOnly(true)
              .volume(volume)
              .build());
    }
    PersistentData data = service.data();
    if (data != null) {
      // cdk8s-plus binds a mount to the claim template of the same volume name.
      Volume claimed = Volume.fromEmptyDir(chart, "data-" + data.volume(), data.volume());
      mounts.add(VolumeMount.builder().path(data.mountPath()).volume(claimed).build());
    }

    List<ContainerPort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(ContainerPort.builder().name(port.name()).number(port.port()).build());
    }

    ContainerProps container =
        ContainerProps.builder()
            .name(service.name())
            .image(service.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .ports(ports)
            .envFrom(List.of(Env.fromConfigMap(config)))
            .volumeMounts(mounts)
            .resources(resources(service))
            .securityContext(securityContext(service.security()))
            .readiness(probe(service.readiness(), 0))
            .liveness(probe(service.liveness(), 0))
            .startup(startupProbe(service))
            .build();

    ApiObjectMetadata podMetadata =
        ApiObjectMetadata.builder()
            .labels(Labels.of(stack, service))
            .annotations(Map.of(CONFIG_CHECKSUM, sha256(env)))
            .build();
    PodSecurityContextProps podSecurity =
        PodSecurityContextProps.builder()
            .ensureNonRoot(true)
            .user(service.security().runAsUser())
            .group(service.security().runAsGroup())
            .fsGroup(service.security().runAsGroup())
            .fsGroupChangePolicy(FsGroupChangePolicy.ON_ROOT_MISMATCH)
            .build();
    ApiObjectMetadata objectMetadata = ApiObjectMetadata.builder().name(service.name()).build();
    LabelSelector selector =
        LabelSelector.of(
            LabelSelectorOptions.builder().labels(Labels.selector(stack, service)).build());

    Workload workload;
    if (service.kind() == WorkloadKind.STATEFUL_SET) {
      Service headless = service(chart, stack, service, "None");
      workload =
          new StatefulSet(
              chart,
              "workload",
              StatefulSetProps.builder()
                  .metadata(objectMetadata)
                  .podMetadata(podMetadata)
                  .select(false)
                  .service(headless)
                  .replicas(service.replicas())
                  .containers(List.of(container))
                  .securityContext(podSecurity)
                  .automountServiceAccountToken(false)
                  .volumeClaimTemplates(List.of(claimTemplate(data)))
                  .build());
    } else {
      service(chart, stack, service, null);
      workload =
          new Deployment(
              chart,
              "workload",
              DeploymentProps.builder()
                  .metadata(objectMetadata)
                  .podMetadata(podMetadata)
                  .select(false)
                  .replicas(service.replicas())
                  // Never below the desired count during a rollout.
                  .strategy(
                      DeploymentStrategy.rollingUpdate(
                          DeploymentStrategyRollingUpdateOptions.builder()
                              .maxSurge(PercentOrAbsolute.absolute(1))
                              .maxUnavailable(PercentOrAbsolute.absolute(0))
                              .build()))
                  .containers(List.of(container))
                  .securityContext(podSecurity)
                  .automountServiceAccountToken(false)
                  .build());
    }
    workload.select(selector);
  }

  private static ContainerSecurityContextProps securityContext(ContainerSecurity security) {
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
        ServiceProps.builder()
            .metadata(ApiObjectMetadata.builder().name(service.name()).build())
            .ports(ports);
    if (clusterIp != null) {
      props.clusterIp(clusterIp);
    }
    Service k8sService = new Service(chart, "service", props.build());
    Labels.selector(stack, service).forEach(k8sService::selectLabel);
    return k8sService;
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
    return ContainerResources.builder()
        .cpu(
            CpuResources.builder()
                .request(org.cdk8s.plus33.Cpu.millis(service.resources().cpu().millis()))
                .limit(org.cdk8s.plus33.Cpu.millis(service.resources().cpuLimit().millis()))
                .build())
        .memory(
            MemoryResources.builder()
                .request(size(service.resources().memory()))
                .limit(size(service.resources().memoryLimit()))
                .build())
        .build();
  }

  private static Probe probe(io.stackwright.model.Probe probe, int failureThreshold) {
    int threshold = failureThreshold > 0 ? failureThreshold : probe.failureThreshold();
    Duration period = Duration.seconds(probe.periodSeconds());
    Duration timeout = Duration.seconds(probe.timeoutSeconds());
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

  private static Size size(Memory memory) {
    return memory.mebibytes() % 1024 == 0
        ? Size.gibibytes(memory.mebibytes() >> 10)
        : Size.mebibytes(memory.mebibytes());
  }

  private static String volumeName(String path) {
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
