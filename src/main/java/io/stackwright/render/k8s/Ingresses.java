package io.stackwright.render.k8s;

import io.stackwright.model.Exposure;
import io.stackwright.model.ServiceModel;
import java.util.List;
import org.cdk8s.plus33.k8s.HttpIngressPath;
import org.cdk8s.plus33.k8s.HttpIngressRuleValue;
import org.cdk8s.plus33.k8s.IngressBackend;
import org.cdk8s.plus33.k8s.IngressRule;
import org.cdk8s.plus33.k8s.IngressServiceBackend;
import org.cdk8s.plus33.k8s.IngressSpec;
import org.cdk8s.plus33.k8s.IngressTls;
import org.cdk8s.plus33.k8s.KubeIngressProps;
import org.cdk8s.plus33.k8s.ServiceBackendPort;

/**
 * The Ingress of a service exposed through the cluster's ingress controller: its host, all paths.
 */
final class Ingresses {
  private static final PlainObjects.ApiKind INGRESS =
      new PlainObjects.ApiKind("networking.k8s.io/v1", "Ingress");

  private Ingresses() {}

  /** Adds the Ingress of {@code service}, if it is exposed through one. */
  static void apply(PlainObjects plain, ServiceModel service) {
    if (service.exposure() == null || service.exposure().ingress() == null) {
      return;
    }
    Exposure.Ingress ingress = service.exposure().ingress();
    IngressBackend backend =
        IngressBackend.builder()
            .service(
                IngressServiceBackend.builder()
                    .name(service.name())
                    .port(ServiceBackendPort.builder().name(service.mainPort().name()).build())
                    .build())
            .build();
    IngressSpec.Builder spec =
        IngressSpec.builder()
            .ingressClassName(ingress.className())
            .rules(
                List.of(
                    IngressRule.builder()
                        .host(ingress.host())
                        .http(
                            HttpIngressRuleValue.builder()
                                .paths(
                                    List.of(
                                        HttpIngressPath.builder()
                                            .path("/")
                                            .pathType("Prefix")
                                            .backend(backend)
                                            .build()))
                                .build())
                        .build()));
    if (ingress.tls()) {
      spec.tls(
          List.of(
              IngressTls.builder()
                  .hosts(List.of(ingress.host()))
                  .secretName(ingress.tlsSecret())
                  .build()));
    }
    plain.add(
        INGRESS,
        KubeIngressProps.builder()
            .metadata(plain.metadata(service.name(), ingress.annotations()))
            .spec(spec.build())
            .build());
  }
}
