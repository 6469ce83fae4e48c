package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.ApiAccess;
import io.stackwright.model.ContainerSecurity;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.SecretFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.WorkloadKind;
import io.stackwright.render.enrich.Enrichers;
import io.stackwright.services.GenericService;
import io.stackwright.services.ServiceModels;
import io.stackwright.stack.Stack;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a service's objects get from the service itself: its account, its Service's selector, and
 * its mounts in a fixed order. What the cross-cutting defaults add is tested with each of them, in
 * {@code render.enrich}.
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
    return renderAll(service).get(service.name() + ".yaml");
  }

  private static Map<String, List<ObjectNode>> renderAll(ServiceModel... services) {
    Stack stack = new Stack("concerns", "qa", "concerns-qa", true);
    for (ServiceModel service : services) {
      stack.add(service);
    }
    return new KubernetesRenderer(Enrichers.all()).render(stack.toModel());
  }

  private static List<String> kinds(List<ObjectNode> objects) {
    return objects.stream().map(Manifests::kind).toList();
  }

  private static ObjectNode find(List<ObjectNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(Manifests.kind(o))).findFirst().orElseThrow();
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
  void theServiceSelectsTheServicesPodsByTheirStableLabels() {
    List<ObjectNode> objects = render(ServiceModels.of(service("web")));

    assertThat(find(objects, "Service").at("/spec/selector"))
        .hasToString(
            "{\"app.kubernetes.io/instance\":\"concerns\",\"app.kubernetes.io/name\":\"web\"}");
  }

  @Test
  void mountsComeConfigFirstThenScratchThenSecretsThenData() {
    List<ObjectNode> objects =
        render(
            ServiceModels.of(
                service("db")
                    .config("/etc/db/db.conf", "x\n")
                    .writable("/tmp")
                    .secret(new SecretFile("db-password", "db-credentials", "pw"), "PW_FILE")
                    .volume("data", "/var/lib/db", Memory.gibibytes(1), null)));

    List<String> paths =
        find(objects, "StatefulSet")
            .at("/spec/template/spec/containers/0/volumeMounts")
            .findValuesAsText("mountPath");
    assertThat(paths)
        .containsExactly("/etc/db/db.conf", "/tmp", "/run/secrets/db-password", "/var/lib/db");
  }

  @Test
  void valuesSharedBetweenServicesKeepEachServicesOwnSettings() {
    // The render makes each value once and shares it (PodValues): services that differ only in a
    // probe's period or their resources must still each get their own.
    Map<String, List<ObjectNode>> files =
        renderAll(
            ServiceModels.of(
                service("one")
                    .writableInMemory("/cache", Memory.mebibytes(64))
                    .secret(new SecretFile("one-pw", "one-credentials", "pw"), "PW_FILE")
                    .probe(new Probe(new Probe.HttpGet("/ready", 8080), 10, 1, 3))),
            ServiceModels.of(
                service("two")
                    .writableInMemory("/cache", Memory.mebibytes(128))
                    .secret(new SecretFile("two-pw", "two-credentials", "pw"), "PW_FILE")
                    .probe(new Probe(new Probe.HttpGet("/ready", 8080), 20, 1, 3))),
            ServiceModels.of(
                service("three")
                    .resources(
                        new Resources(
                            Cpu.millis(100),
                            Memory.mebibytes(128),
                            Cpu.millis(300),
                            Memory.mebibytes(512)))));

    ObjectNode one = find(files.get("one.yaml"), "Deployment").withObject("/spec/template/spec");
    ObjectNode two = find(files.get("two.yaml"), "Deployment").withObject("/spec/template/spec");
    ObjectNode three =
        find(files.get("three.yaml"), "Deployment").withObject("/spec/template/spec");
    assertThat(one.at("/volumes").findValuesAsText("sizeLimit")).containsExactly("64Mi");
    assertThat(two.at("/volumes").findValuesAsText("sizeLimit")).containsExactly("128Mi");
    assertThat(one.at("/volumes").findValuesAsText("secretName"))
        .containsExactly("one-credentials");
    assertThat(two.at("/volumes").findValuesAsText("secretName"))
        .containsExactly("two-credentials");
    assertThat(one.at("/containers/0/readinessProbe/periodSeconds").asInt()).isEqualTo(10);
    assertThat(two.at("/containers/0/readinessProbe/periodSeconds").asInt()).isEqualTo(20);
    assertThat(one.at("/containers/0/resources")).isEqualTo(two.at("/containers/0/resources"));
    assertThat(three.at("/containers/0/resources/limits/cpu").asText()).isEqualTo("300m");
    assertThat(three.at("/containers/0/resources/limits/memory").asText()).isEqualTo("512Mi");
    assertThat(one.at("/containers/0/resources/limits/cpu").asText()).isEqualTo("200m");
  }

  @Test
  void aDeploymentGivenDataByHandMountsAVolumeOfItsOwn() throws Exception {
    // The builder makes a service with data a StatefulSet; a model built by hand may not.
    ServiceModel statefulSet =
        ServiceModels.of(
            service("db")
                .writable("/cache")
                .volume("data", "/var/lib/db", Memory.gibibytes(1), null));
    ServiceModel deployment = withKind(statefulSet, WorkloadKind.DEPLOYMENT);

    JsonNode pod = find(render(deployment), "Deployment").at("/spec/template/spec");

    assertThat(pod.at("/volumes").findValuesAsText("name")).containsExactly("cache", "data");
    assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("name"))
        .containsExactly("cache", "data");
  }

  @Test
  void aPodVolumeNamedAsTheClaimTemplateIsLeftToTheClaim() {
    ObjectNode statefulSet =
        find(
            render(
                ServiceModels.of(
                    service("db")
                        .writable("/data")
                        .volume("data", "/var/lib/db", Memory.gibibytes(1), null))),
            "StatefulSet");

    assertThat(statefulSet.at("/spec/template/spec/volumes").isMissingNode()).isTrue();
    assertThat(
            statefulSet
                .at("/spec/template/spec/containers/0/volumeMounts")
                .findValuesAsText("name"))
        .containsExactly("data", "data");
    assertThat(statefulSet.at("/spec/volumeClaimTemplates/0/metadata/name").asText())
        .isEqualTo("data");
  }

  @Test
  void twoPathsThatMakeOneVolumeNameAreTheStacksMistake() {
    ServiceModel clash =
        ServiceModels.of(
            service("web")
                .writable("/var/cache")
                .writableInMemory("/var-cache", Memory.mebibytes(16)));

    assertThatThrownBy(() -> render(clash))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/var-cache and /var/cache would both be the pod volume var-cache")
        .hasMessageEndingWith("rename one of the paths");
  }

  /** The same model with another kind of workload, as a model built by hand may have. */
  private static ServiceModel withKind(ServiceModel model, WorkloadKind kind) throws Exception {
    RecordComponent[] components = ServiceModel.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] =
          components[i].getName().equals("kind") ? kind : components[i].getAccessor().invoke(model);
    }
    return ServiceModel.class.getDeclaredConstructor(types).newInstance(values);
  }
}
