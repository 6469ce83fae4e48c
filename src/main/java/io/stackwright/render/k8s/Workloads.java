package io.stackwright.render.k8s;

import io.stackwright.model.Autoscaling;
import io.stackwright.model.PersistentData;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.model.WorkloadKind;
import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.plus33.ContainerPort;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.DeploymentProps;
import org.cdk8s.plus33.DeploymentStrategy;
import org.cdk8s.plus33.DeploymentStrategyRollingUpdateOptions;
import org.cdk8s.plus33.ImagePullPolicy;
import org.cdk8s.plus33.PercentOrAbsolute;
import org.cdk8s.plus33.PersistentVolumeAccessMode;
import org.cdk8s.plus33.PersistentVolumeClaimTemplateProps;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.Service;
import org.cdk8s.plus33.ServicePort;
import org.cdk8s.plus33.ServiceProps;
import org.cdk8s.plus33.StatefulSet;
import org.cdk8s.plus33.StatefulSetProps;
import org.cdk8s.plus33.Volume;
import org.cdk8s.plus33.VolumeMount;
import org.cdk8s.plus33.k8s.CrossVersionObjectReferenceV2;
import org.cdk8s.plus33.k8s.HorizontalPodAutoscalerBehaviorV2;
import org.cdk8s.plus33.k8s.HorizontalPodAutoscalerSpecV2;
import org.cdk8s.plus33.k8s.HpaScalingPolicyV2;
import org.cdk8s.plus33.k8s.HpaScalingRulesV2;
import org.cdk8s.plus33.k8s.KubeHorizontalPodAutoscalerV2Props;
import org.cdk8s.plus33.k8s.KubeServiceProps;
import org.cdk8s.plus33.k8s.MetricSpecV2;
import org.cdk8s.plus33.k8s.MetricTargetV2;
import org.cdk8s.plus33.k8s.ResourceMetricSourceV2;
import org.cdk8s.plus33.k8s.ServiceSpec;
import software.constructs.Construct;

/**
 * The objects of one service: its configuration, its workload (a Deployment, or a StatefulSet with
 * a volume claim template and a headless Service), its Service, autoscaler, account and Ingress,
 * and its scheduled jobs. What the model says the service runs is assembled here; each
 * cross-cutting default ({@link KubernetesEnricher}) adds its part to the workload before it is
 * made.
 */
final class Workloads {
  private static final PlainObjects.ApiKind SERVICE = new PlainObjects.ApiKind("v1", "Service");
  private static final PlainObjects.ApiKind AUTOSCALER =
      new PlainObjects.ApiKind("autoscaling/v2", "HorizontalPodAutoscaler");

  private Workloads() {}

  /**
   * The id of a construct of {@code service} in the services' chart; {@code :} cannot occur in a
   * service's name, so that no two services' ids are the same.
   */
  static String id(ServiceModel service, String part) {
    return service.name() + ":" + part;
  }

  /**
   * The metadata of an object of {@code service}, with the service's labels: the services share one
   * chart, which can give them none, and the renderer files each object by them.
   */
  static ApiObjectMetadata metadata(StackModel stack, ServiceModel service, String name) {
    return ApiObjectMetadata.builder().name(name).labels(Labels.of(stack, service)).build();
  }

  /**
   * Adds every object of {@code service}: constructs to {@code chart}, the rest to {@code plain}.
   */
  static void render(
      Construct chart,
      PlainObjects plain,
      StackModel stack,
      ServiceModel service,
      List<KubernetesEnricher> enrichers,
      PodValues values) {
    ConfigMaps.Config config = ConfigMaps.add(plain, stack, service);
    String kind = service.kind() == WorkloadKind.STATEFUL_SET ? "StatefulSet" : "Deployment";
    WorkloadParts parts =
        new WorkloadParts(kind, service.name(), plain, container(service), values);
    config.mountInto(parts);
    podAnnotations(parts, stack, service, config.checksum());
    if (!config.envFrom().isEmpty()) {
      // cdk8s-plus would only copy it through, at a round trip for each source.
      parts.set("/spec/template/spec/containers/0/envFrom", config.envFrom());
    }
    enrichers.forEach(enricher -> enricher.enrichWorkload(stack, service, parts));
    PersistentData data = service.data();
    if (data != null && service.kind() == WorkloadKind.STATEFUL_SET) {
      parts.mountClaimTemplate(data.mountPath(), data.volume());
      // cdk8s-plus refuses a claim template that no mount of its own uses; it leaves the
      // template's volume out of the pod, and the mounts are set in full once synthesized.
      parts
          .container()
          .volumeMounts(
              List.of(
                  VolumeMount.builder()
                      .path(data.mountPath())
                      .volume(Volume.fromEmptyDir(chart, id(service, "data"), data.volume()))
                      .build()));
    } else if (data != null) {
      // Only a model built by hand gives a Deployment data: each pod gets a volume of its own.
      parts.mount(data.mountPath(), PodVolumes.emptyDir(data.volume(), null));
    }
    parts.setMounts("/spec/template/spec");
    boolean apiAccess = ServiceAccounts.apply(plain, stack, service, kind);
    if (service.kind() == WorkloadKind.STATEFUL_SET) {
      statefulSet(chart, plain, stack, service, parts, apiAccess);
    } else {
      deployment(chart, plain, stack, service, parts, apiAccess);
    }
    Ingresses.apply(plain, service);
    for (ScheduledJob job : service.jobs()) {
      CronJobs.render(chart, plain, stack, service, job, enrichers, values);
    }
  }

  private static void statefulSet(
      Construct chart,
      PlainObjects plain,
      StackModel stack,
      ServiceModel service,
      WorkloadParts parts,
      boolean apiAccess) {
    StatefulSetProps.Builder props =
        StatefulSetProps.builder()
            .metadata(metadata(stack, service, service.name()))
            .podMetadata(parts.podMetadata())
            .select(false)
            .service(headlessService(chart, plain, stack, service))
            .replicas(service.replicas())
            .containers(List.of(parts.builtContainer()))
            .automountServiceAccountToken(apiAccess)
            .volumeClaimTemplates(List.of(claimTemplate(service.data(), parts.values())));
    PodSecurityContextProps security = parts.podSecurity();
    if (security != null) {
      props.securityContext(security);
    }
    new StatefulSet(chart, id(service, "workload"), props.build());
  }

  private static void deployment(
      Construct chart,
      PlainObjects plain,
      StackModel stack,
      ServiceModel service,
      WorkloadParts parts,
      boolean apiAccess) {
    plain.add(
        SERVICE,
        KubeServiceProps.builder()
            .metadata(plain.metadata(service.name()))
            .spec(
                ServiceSpec.builder()
                    .externalIPs(List.of())
                    .ports(plainPorts(service))
                    .selector(new TreeMap<>(Labels.selector(stack, service)))
                    .type("ClusterIP")
                    .build())
            .build());
    DeploymentProps.Builder props =
        DeploymentProps.builder()
            .metadata(metadata(stack, service, service.name()))
            .podMetadata(parts.podMetadata())
            .select(false)
            // Never below the desired count during a rollout.
            .strategy(rollingUpdate(parts.values()))
            .containers(List.of(parts.builtContainer()))
            .automountServiceAccountToken(apiAccess);
    PodSecurityContextProps security = parts.podSecurity();
    if (security != null) {
      props.securityContext(security);
    }
    if (service.autoscaling() == null) {
      props.replicas(service.replicas());
    }
    Deployment deployment = new Deployment(chart, id(service, "workload"), props.build());
    if (service.autoscaling() != null) {
      // As cdk8s-plus's own autoscaler would: the Deployment then leaves its replicas to it.
      deployment.markHasAutoscaler();
      autoscaler(plain, service);
    }
  }

  /** What the model says the container runs; its mounts are added to {@link WorkloadParts}. */
  private static ContainerProps.Builder container(ServiceModel service) {
    List<ContainerPort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(ContainerPort.builder().name(port.name()).number(port.port()).build());
    }
    ContainerProps.Builder container =
        ContainerProps.builder()
            .name(service.name())
            .image(service.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .ports(ports);
    if (!service.command().isEmpty()) {
      container.command(service.command());
    }
    if (!service.args().isEmpty()) {
      container.args(service.args());
    }
    return container;
  }

  /** The configuration's digest, which rolls the pods, and where Prometheus scrapes them. */
  private static void podAnnotations(
      WorkloadParts parts, StackModel stack, ServiceModel service, String checksum) {
    parts.podAnnotation(ConfigMaps.CONFIG_CHECKSUM, checksum);
    if (service.metrics() != null && stack.network().prometheus() != null) {
      // The cluster's Prometheus finds its targets by these, as its common configurations do.
      parts.podAnnotation("prometheus.io/scrape", "true");
      parts.podAnnotation(
          "prometheus.io/port",
          Integer.toString(service.port(service.metrics().portName()).port()));
      parts.podAnnotation("prometheus.io/path", service.metrics().path());
    }
  }

  /** A rollout that adds a pod at a time and never has fewer ready than desired. */
  private static DeploymentStrategy rollingUpdate(PodValues values) {
    return values.shared(
        DeploymentStrategy.class,
        "rolling update",
        List.of(1, 0),
        () ->
            DeploymentStrategy.rollingUpdate(
                DeploymentStrategyRollingUpdateOptions.builder()
                    .maxSurge(PercentOrAbsolute.absolute(1))
                    .maxUnavailable(PercentOrAbsolute.absolute(0))
                    .build()));
  }

  /**
   * The Deployment's autoscaler, as cdk8s-plus writes one with its default behaviour: up by at most
   * 4 pods or 200 % a minute, at once; down by at most the minimum a 5 minutes, after 5 minutes of
   * lower use.
   */
  private static void autoscaler(PlainObjects plain, ServiceModel service) {
    Autoscaling scaling = service.autoscaling();
    plain.add(
        AUTOSCALER,
        KubeHorizontalPodAutoscalerV2Props.builder()
            .metadata(plain.metadata(service.name()))
            .spec(
                HorizontalPodAutoscalerSpecV2.builder()
                    .maxReplicas(scaling.maxReplicas())
                    .minReplicas(scaling.minReplicas())
                    .scaleTargetRef(
                        CrossVersionObjectReferenceV2.builder()
                            .apiVersion("apps/v1")
                            .kind("Deployment")
                            .name(service.name())
                            .build())
                    .metrics(
                        List.of(
                            MetricSpecV2.builder()
                                .type("Resource")
                                .resource(
                                    ResourceMetricSourceV2.builder()
                                        .name("cpu")
                                        .target(
                                            MetricTargetV2.builder()
                                                .type("Utilization")
                                                .averageUtilization(scaling.cpuUtilization())
                                                .build())
                                        .build())
                                .build()))
                    .behavior(
                        HorizontalPodAutoscalerBehaviorV2.builder()
                            .scaleUp(
                                scaling(
                                    0, List.of(policy("Pods", 4, 60), policy("Percent", 200, 60))))
                            .scaleDown(
                                scaling(300, List.of(policy("Pods", scaling.minReplicas(), 300))))
                            .build())
                    .build())
            .build());
  }

  private static HpaScalingRulesV2 scaling(int window, List<HpaScalingPolicyV2> policies) {
    return HpaScalingRulesV2.builder()
        .policies(policies)
        .selectPolicy("Max")
        .stabilizationWindowSeconds(window)
        .build();
  }

  private static HpaScalingPolicyV2 policy(String type, int value, int periodSeconds) {
    return HpaScalingPolicyV2.builder()
        .type(type)
        .value(value)
        .periodSeconds(periodSeconds)
        .build();
  }

  private static List<org.cdk8s.plus33.k8s.ServicePort> plainPorts(ServiceModel service) {
    List<org.cdk8s.plus33.k8s.ServicePort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(
          org.cdk8s.plus33.k8s.ServicePort.builder()
              .name(port.name())
              .port(port.port())
              .targetPort(KubeJson.number(port.port()))
              .build());
    }
    return ports;
  }

  /**
   * The StatefulSet's headless Service, a construct: cdk8s-plus names it in the StatefulSet and
   * makes it select the pods. Its selector is set once synthesized, as cdk8s-plus would only copy
   * it through, at a round trip per label.
   */
  private static Service headlessService(
      Construct chart, PlainObjects plain, StackModel stack, ServiceModel service) {
    plain.set(
        "Service",
        service.name(),
        "/spec/selector",
        new TreeMap<>(Labels.selector(stack, service)));
    List<ServicePort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(
          ServicePort.builder()
              .name(port.name())
              .port(port.port())
              .targetPort(port.port())
              .build());
    }
    return new Service(
        chart,
        id(service, "service"),
        ServiceProps.builder()
            .metadata(metadata(stack, service, service.name()))
            .ports(ports)
            .clusterIp("None")
            .build());
  }

  private static PersistentVolumeClaimTemplateProps claimTemplate(
      PersistentData data, PodValues values) {
    PersistentVolumeClaimTemplateProps.Builder claim =
        PersistentVolumeClaimTemplateProps.builder()
            .name(data.volume())
            .storage(values.size(data.size()))
            .accessModes(List.of(PersistentVolumeAccessMode.READ_WRITE_ONCE));
    if (data.storageClass() != null) {
      claim.storageClassName(data.storageClass());
    }
    return claim.build();
  }
}
