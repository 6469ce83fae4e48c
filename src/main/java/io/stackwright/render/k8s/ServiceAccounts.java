package io.stackwright.render.k8s;

import io.stackwright.model.ApiAccess;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.ArrayList;
import java.util.List;
import org.cdk8s.plus33.k8s.KubeRoleBindingProps;
import org.cdk8s.plus33.k8s.KubeRoleProps;
import org.cdk8s.plus33.k8s.KubeServiceAccountProps;
import org.cdk8s.plus33.k8s.PolicyRule;
import org.cdk8s.plus33.k8s.RoleRef;
import org.cdk8s.plus33.k8s.Subject;

/**
 * A service that needs the Kubernetes API gets its own ServiceAccount, Role and RoleBinding, and
 * its pods run as that account; every other service's pods run with no account token at all.
 */
final class ServiceAccounts {
  private static final String RBAC = "rbac.authorization.k8s.io";
  private static final PlainObjects.ApiKind SERVICE_ACCOUNT =
      new PlainObjects.ApiKind("v1", "ServiceAccount");
  private static final PlainObjects.ApiKind ROLE = new PlainObjects.ApiKind(RBAC + "/v1", "Role");
  private static final PlainObjects.ApiKind ROLE_BINDING =
      new PlainObjects.ApiKind(RBAC + "/v1", "RoleBinding");

  private ServiceAccounts() {}

  /**
   * Adds the account of {@code service}, if it needs the Kubernetes API, and makes its workload
   * {@code kind} run as it.
   *
   * @return whether the service needs the Kubernetes API
   */
  static boolean apply(PlainObjects plain, StackModel stack, ServiceModel service, String kind) {
    if (service.apiAccess().isEmpty()) {
      return false;
    }
    String name = service.name();
    plain.add(
        SERVICE_ACCOUNT,
        KubeServiceAccountProps.builder()
            .metadata(plain.metadata(name))
            .automountServiceAccountToken(false)
            .build());
    List<PolicyRule> rules = new ArrayList<>();
    for (ApiAccess access : service.apiAccess()) {
      rules.add(
          PolicyRule.builder()
              .apiGroups(access.apiGroups())
              .resources(access.resources())
              .verbs(access.verbs())
              .build());
    }
    plain.add(ROLE, KubeRoleProps.builder().metadata(plain.metadata(name)).rules(rules).build());
    plain.add(
        ROLE_BINDING,
        KubeRoleBindingProps.builder()
            .metadata(plain.metadata(name))
            .roleRef(RoleRef.builder().apiGroup(RBAC).kind("Role").name(name).build())
            .subjects(
                List.of(
                    Subject.builder()
                        .kind("ServiceAccount")
                        .name(name)
                        .namespace(stack.namespace())
                        .build()))
            .build());
    // cdk8s-plus would only copy the name through, at two round trips for an account reference.
    plain.set(kind, name, "/spec/template/spec/serviceAccountName", name);
    return true;
  }
}
