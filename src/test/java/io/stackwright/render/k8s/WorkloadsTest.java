package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.ApiAccess;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.ServiceModel;
import io.stackwright.services.GenericService;
import io.stackwright.services.ServiceModels;
import io.stackwright.stack.Stack;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the cross-cutting concerns add to a service's objects: each is applied in one place, so a
 * service gets it by its model alone.
 */
class WorkloadsTest {

  private static GenericService.Builder service(String name) {
    Probe probe = new Probe(new Probe.HttpGet("/ready", 8080), 10, 1, 3);
    return GenericService.builder(name)
        .component("api")
        .image(ImageRef.parse("example/" + name + ":1.0"))
        .port("http", 8080)
        .probe(probe)
        .resources(
            new Resources(
                Cpu.millis(100), Memory.mebibytes(128), Cpu.millis(200), Memory.mebibytes(256)))
        .runAs(ContainerSecurity.DEFAULT.runAsUser(), ContainerSecurity.DEFAULT.runAsGroup());
  }

  private static List<ObjectNode> render(ServiceModel service) {
    Stack stack = new Stack("concerns", "qa", "concerns-qa", true);
    stack.add(service);
    return new KubernetesRenderer().render(stack.toModel()).get(service.name() + ".yaml");
  }

  private static List<String> kinds(List<ObjectNode> objects) {
    return objects.stream().map(Manifests::kind).toList();
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(Manifests.kind(o))).findFirst().orElseThrow();
  }

  @Test
  void aReplicatedServiceIsSpreadAndBudgeted() {
    List<ObjectNode> objects = render(ServiceModels.of(service("web").replicas(2)));

    assertThat(kinds(objects)).contains("PodDisruptionBudget");
    ObjectNode budget = find(objects, "PodDisruptionBudget");
    assertThat(budget.at("/spec/maxUnavailable").intValue()).isEqualTo(1);
    assertThat(budget.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText())
        .isEqualTo("web");
    assertThat(find(objects, "Deployment").at("/spec/template/spec/topologySpreadConstraints"))
        .hasSize(2);
  }

  @Test
  void aSingleReplicaHasNoBudgetNorSpread() {
    List<ObjectNode> objects = render(ServiceModels.of(service("web").replicas(1)));

    assertThat(kinds(objects)).doesNotContain("PodDisruptionBudget");
    assertThat(find(objects, "Deployment").at("/spec/template/spec/topologySpreadConstraints"))
        .isEmpty();
  }

  @Test
  void onlyAServiceThatNeedsTheApiGetsAnAccount() {
    List<ObjectNode> plain = render(ServiceModels.of(service("web")));
    List<ObjectNode> reader =
        render(
            ServiceModels.withApiAccess(
                service("reader"),
                new ApiAccess(List.of(""), List.of("pods"), List.of("get", "list"))));

    assertThat(kinds(plain)).doesNotContain("ServiceAccount", "Role", "RoleBinding");
    assertThat(find(plain, "Deployment").at("/spec/template/spec/automountServiceAccountToken"))
        .hasToString("false");
    assertThat(kinds(reader)).contains("ServiceAccount", "Role", "RoleBinding");
    assertThat(find(reader, "Role").at("/rules/0/verbs")).hasToString("[\"get\",\"list\"]");
    assertThat(find(reader, "RoleBinding").at("/subjects/0/namespace").asText())
        .isEqualTo("concerns-qa");
    assertThat(find(reader, "Deployment").at("/spec/template/spec/serviceAccountName").asText())
        .isEqualTo("reader");
  }

  @Test
  void everyContainerIsHardenedProbedAndBounded() {
    ObjectNode container =
        (ObjectNode)
            find(render(ServiceModels.of(service("web").writable("/tmp"))), "Deployment")
                .at("/spec/template/spec/containers/0");

    assertThat(container.at("/securityContext/allowPrivilegeEscalation").booleanValue()).isFalse();
    assertThat(container.at("/securityContext/capabilities/drop")).hasToString("[\"ALL\"]");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").booleanValue()).isTrue();
    assertThat(container.at("/volumeMounts/0/mountPath").asText()).isEqualTo("/tmp");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
    assertThat(container.at("/startupProbe").isObject()).isTrue();
    assertThat(container.at("/resources/limits/memory").asText()).isEqualTo("256Mi");
    assertThat(container.at("/resources/requests/cpu").asText()).isEqualTo("100m");
  }

  @Test
  void theSelectorsAreTheRecommendedLabelsNotAHash() {
    List<ObjectNode> objects = render(ServiceModels.of(service("web")));

    Map<String, String> selector =
        Map.of("app.kubernetes.io/instance", "concerns", "app.kubernetes.io/name", "web");
    assertThat(find(objects, "Service").at("/spec/selector")).isEqualTo(KubeJson.tree(selector));
    assertThat(find(objects, "Deployment").at("/spec/selector/matchLabels"))
        .isEqualTo(KubeJson.tree(selector));
    assertThat(find(objects, "Deployment").at("/spec/template/metadata/labels").toString())
        .doesNotContain(Manifests.ADDRESS_LABEL);
  }
}
