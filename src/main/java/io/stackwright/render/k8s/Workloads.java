package io.stackwright.render.k8s;

import io.stackwright.model.Autoscaling;
import io.stackwright.model.PersistentData;
import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.plus33.ContainerPort;
import org.cdk8s.plus33.ContainerProps;
import org.cdk8s.plus33.Deployment;
import org.cdk8s.plus33.DeploymentProps;
import org.cdk8s.plus33.HorizontalPodAutoscaler;
import org.cdk8s.plus33.HorizontalPodAutoscalerProps;
import org.cdk8s.plus33.ImagePullPolicy;
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
 * a volume claim template and a headless Service), its Service and autoscaler, and its scheduled
 * jobs, each with what the cross-cutting concerns add: {@link Hardening}, {@link PodSelectors},
 * {@link NetworkPolicies}, {@link DisruptionBudgets}, {@link HealthChecks}, {@link Secrets} and
 * {@link RequestsAndLimits}.
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
   * Adds every object of {@code service}: constructs to {@code chart}, the rest to {@code plain}.
   */
  static void render(Construct chart, PlainObjects plain, StackModel stack, ServiceModel service) {
    ConfigMaps.Config config = ConfigMaps.add(chart, stack, service);
    ContainerProps container = container(service, config);
    String kind = service.kind() == WorkloadKind.STATEFUL_SET ? "StatefulSet" : "Deployment";
    boolean apiAccess = ServiceAccounts.apply(plain, stack, service, kind);
    PodSelectors.apply(plain, stack, service, kind);
    ApiObjectMetadata objectMetadata = PodSelectors.metadata(stack, service, service.name());
    ApiObjectMetadata podMetadata =
        PodSelectors.pods(stack, service, podAnnotations(stack, service, config.checksum()));
    PodSecurityContextProps podSecurity = Hardening.pod(service.security());
    if (service.kind() == WorkloadKind.STATEFUL_SET) {
      new StatefulSet(
          chart,
          id(service, "workload"),
          StatefulSetProps.builder()
              .metadata(objectMetadata)
              .podMetadata(podMetadata)
              .select(false)
              .service(service(chart, stack, service, "None"))
              .replicas(service.replicas())
              .containers(List.of(container))
              .securityContext(podSecurity)
              .automountServiceAccountToken(apiAccess)
              .volumeClaimTemplates(List.of(claimTemplate(service.data())))
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
    DisruptionBudgets.apply(plain, stack, service, kind);
    NetworkPolicies.addFor(plain, stack, service);
    Ingresses.apply(plain, service);
    for (ScheduledJob job : service.jobs()) {
      CronJobs.render(chart, plain, stack, service, job);
    }
  }

  private static ContainerProps container(ServiceModel service, ConfigMaps.Config config) {
    List<VolumeMount> mounts = new ArrayList<>(config.mounts());
    mounts.addAll(Hardening.writableMounts(service));
    mounts.addAll(Secrets.mounts(service.secrets()));
    PersistentData data = service.data();
    if (data != null) {
      // cdk8s-plus binds a mount to the claim template of the same volume name.
      mounts.add(
          VolumeMount.builder()
              .path(data.mountPath())
              .volume(Hardening.emptyDir(data.volume(), null))
              .build());
    }
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
            .envFrom(config.envFrom())
            .volumeMounts(mounts);
    RequestsAndLimits.apply(service, container);
    Hardening.apply(service, container);
    HealthChecks.apply(service, container);
    if (!service.command().isEmpty()) {
      container.command(service.command());
    }
    if (!service.args().isEmpty()) {
      container.args(service.args());
    }
    return container.build();
  }

  private static Map<String, String> podAnnotations(
      StackModel stack, ServiceModel service, String checksum) {
    Map<String, String> annotations = new TreeMap<>(Hardening.podAnnotations(service));
    annotations.put(ConfigMaps.CONFIG_CHECKSUM, checksum);
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

  private static void autoscaler(
      Construct chart, StackModel stack, ServiceModel service, Deployment deployment) {
    Autoscaling scaling = service.autoscaling();
    new HorizontalPodAutoscaler(
        chart,
        id(service, "autoscaler"),
        HorizontalPodAutoscalerProps.builder()
            .metadata(PodSelectors.metadata(stack, service, service.name()))
            .target(deployment)
            .minReplicas(scaling.minReplicas())
            .maxReplicas(scaling.maxReplicas())
            .metrics(List.of(JsiiValues.cpuUtilization(scaling.cpuUtilization())))
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
        ServiceProps.builder()
            .metadata(PodSelectors.metadata(stack, service, service.name()))
            .ports(ports);
    if (clusterIp != null) {
      props.clusterIp(clusterIp);
    }
    return new Service(chart, id(service, "service"), props.build());
  }

  private static PersistentVolumeClaimTemplateProps claimTemplate(PersistentData data) {
    PersistentVolumeClaimTemplateProps.Builder claim =
        PersistentVolumeClaimTemplateProps.builder()
            .name(data.volume())
            .storage(RequestsAndLimits.size(data.size()))
            .accessModes(List.of(PersistentVolumeAccessMode.READ_WRITE_ONCE));
    if (data.storageClass() != null) {
      claim.storageClassName(data.storageClass());
    }
    return claim.build();
  }
}
