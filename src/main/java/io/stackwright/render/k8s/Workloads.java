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
import org.cdk8s.plus33.HorizontalPodAutoscaler;
import org.cdk8s.plus33.HorizontalPodAutoscalerProps;
import org.cdk8s.plus33.ImagePullPolicy;
import org.cdk8s.plus33.Metric;
import org.cdk8s.plus33.MetricTarget;
import org.cdk8s.plus33.PercentOrAbsolute;
import org.cdk8s.plus33.PersistentVolumeAccessMode;
import org.cdk8s.plus33.PersistentVolumeClaimTemplateProps;
import org.cdk8s.plus33.PodSecurityContextProps;
import org.cdk8s.plus33.Service;
import org.cdk8s.plus33.ServicePort;
import org.cdk8s.plus33.ServiceProps;
import org.cdk8s.plus33.StatefulSet;
import org.cdk8s.plus33.StatefulSetProps;
import org.cdk8s.plus33.VolumeMount;
import software.constructs.Construct;

/**
 * The objects of one service: its configuration, its workload (a Deployment, or a StatefulSet with
 * a volume claim template and a headless Service), its Service, autoscaler, account and Ingress,
 * and its scheduled jobs. What the model says the service runs is assembled here; each
 * cross-cutting default ({@link KubernetesEnricher}) adds its part to the workload before it is
 * made.
 */
final class Workloads {
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
    ConfigMaps.Config config = ConfigMaps.add(chart, stack, service);
    String kind = service.kind() == WorkloadKind.STATEFUL_SET ? "StatefulSet" : "Deployment";
    WorkloadParts parts =
        new WorkloadParts(
            kind, service.name(), plain, container(service, config), config.mounts(), values);
    podAnnotations(parts, stack, service, config.checksum());
    enrichers.forEach(enricher -> enricher.enrichWorkload(stack, service, parts));
    PersistentData data = service.data();
    if (data != null) {
      // cdk8s-plus binds a mount to the claim template of the same volume name.
      parts.mount(
          VolumeMount.builder()
              .path(data.mountPath())
              .volume(values.emptyDir(data.volume(), null))
              .build());
    }
    boolean apiAccess = ServiceAccounts.apply(plain, stack, service, kind);
    // cdk8s-plus would only copy the selector through, at one round trip per label.
    plain.set(
        "Service",
        service.name(),
        "/spec/selector",
        new TreeMap<>(Labels.selector(stack, service)));
    if (service.kind() == WorkloadKind.STATEFUL_SET) {
      statefulSet(chart, stack, service, parts, apiAccess);
    } else {
      deployment(chart, stack, service, parts, apiAccess);
    }
    Ingresses.apply(plain, service);
    for (ScheduledJob job : service.jobs()) {
      CronJobs.render(chart, plain, stack, service, job, enrichers, values);
    }
  }

  private static void statefulSet(
      Construct chart,
      StackModel stack,
      ServiceModel service,
      WorkloadParts parts,
      boolean apiAccess) {
    StatefulSetProps.Builder props =
        StatefulSetProps.builder()
            .metadata(metadata(stack, service, service.name()))
            .podMetadata(parts.podMetadata())
            .select(false)
            .service(service(chart, stack, service, "None"))
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
      StackModel stack,
      ServiceModel service,
      WorkloadParts parts,
      boolean apiAccess) {
    service(chart, stack, service, null);
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
    Deployment created = new Deployment(chart, id(service, "workload"), props.build());
    if (service.autoscaling() != null) {
      autoscaler(chart, stack, service, created, parts.values());
    }
  }

  /** What the model says the container runs; its mounts are added to {@link WorkloadParts}. */
  private static ContainerProps.Builder container(ServiceModel service, ConfigMaps.Config config) {
    List<ContainerPort> ports = new ArrayList<>();
    for (io.stackwright.model.ServicePort port : service.ports()) {
      ports.add(ContainerPort.builder().name(port.name()).number(port.port()).build());
    }
    ContainerProps.Builder container =
        ContainerProps.builder()
            .name(service.name())
            .image(service.image().toString())
            .imagePullPolicy(ImagePullPolicy.IF_NOT_PRESENT)
            .ports(ports)
            .envFrom(config.envFrom());
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
        "rolling-update",
        () ->
            DeploymentStrategy.rollingUpdate(
                DeploymentStrategyRollingUpdateOptions.builder()
                    .maxSurge(PercentOrAbsolute.absolute(1))
                    .maxUnavailable(PercentOrAbsolute.absolute(0))
                    .build()));
  }

  private static void autoscaler(
      Construct chart,
      StackModel stack,
      ServiceModel service,
      Deployment deployment,
      PodValues values) {
    Autoscaling scaling = service.autoscaling();
    new HorizontalPodAutoscaler(
        chart,
        id(service, "autoscaler"),
        HorizontalPodAutoscalerProps.builder()
            .metadata(metadata(stack, service, service.name()))
            .target(deployment)
            .minReplicas(scaling.minReplicas())
            .maxReplicas(scaling.maxReplicas())
            .metrics(
                List.of(
                    values.shared(
                        Metric.class,
                        scaling.cpuUtilization(),
                        () ->
                            Metric.resourceCpu(
                                MetricTarget.averageUtilization(scaling.cpuUtilization())))))
            .build());
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
