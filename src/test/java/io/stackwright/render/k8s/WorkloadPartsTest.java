package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.Memory;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus33.ContainerProps;
import org.junit.jupiter.api.Test;

/** A pod's mounts and volumes, as the defaults add them and the synthesized workload gets them. */
class WorkloadPartsTest {

  private static WorkloadParts deployment(PlainObjects objects) {
    return new WorkloadParts(
        "Deployment", "web", objects, ContainerProps.builder().name("web"), new PodValues());
  }

  private static ObjectNode synthesized() throws Exception {
    return (ObjectNode)
        new ObjectMapper()
            .readTree(
                "{\"kind\":\"Deployment\",\"metadata\":{\"name\":\"web\"},"
                    + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\"}]}}}}");
  }

  @Test
  void aVolumeMountedTwiceIsOneVolumeOfThePod() throws Exception {
    PlainObjects objects = new PlainObjects("ns", Map.of());
    WorkloadParts parts = deployment(objects);

    parts.mount("/tmp", PodVolumes.emptyDir("scratch", null));
    parts.mountFile("/etc/app.conf", PodVolumes.emptyDir("scratch", null), "app.conf");
    parts.setMounts("/spec/template/spec");
    JsonNode pod = objects.addTo(List.of(synthesized())).get(0).at("/spec/template/spec");

    assertThat(pod.at("/volumes")).hasSize(1);
    assertThat(pod.at("/volumes/0/name").asText()).isEqualTo("scratch");
    assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("mountPath"))
        .containsExactly("/tmp", "/etc/app.conf");
    assertThat(pod.at("/containers/0/volumeMounts/1/subPath").asText()).isEqualTo("app.conf");
    assertThat(pod.at("/containers/0/volumeMounts/1/readOnly").asBoolean()).isTrue();
    assertThat(pod.at("/containers/0/volumeMounts/0/readOnly").isMissingNode()).isTrue();
  }

  @Test
  void twoDifferentVolumesOfOneNameAreTheStacksMistakeNamingBothPaths() {
    WorkloadParts parts = deployment(new PlainObjects("ns", Map.of()));
    parts.mount("/a", PodVolumes.emptyDir("scratch", null));

    assertThatThrownBy(
            () -> parts.mount("/b", PodVolumes.emptyDir("scratch", Memory.mebibytes(16))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "web: /a and /b would both be the pod volume scratch of Deployment/web, with different"
                + " sources; rename one of the paths");
  }

  @Test
  void aClaimTemplateIsMountedButIsNoVolumeOfThePod() throws Exception {
    PlainObjects objects = new PlainObjects("ns", Map.of());
    WorkloadParts parts = deployment(objects);

    parts.mount("/tmp", PodVolumes.emptyDir("tmp", null));
    parts.mountClaimTemplate("/var/lib/data", "data");
    parts.setMounts("/spec/template/spec");
    JsonNode pod = objects.addTo(List.of(synthesized())).get(0).at("/spec/template/spec");

    assertThat(pod.at("/volumes").findValuesAsText("name")).containsExactly("tmp");
    assertThat(pod.at("/containers/0/volumeMounts").findValuesAsText("name"))
        .containsExactly("tmp", "data");
  }

  @Test
  void aPodWithoutMountsGetsNoEmptyLists() throws Exception {
    PlainObjects objects = new PlainObjects("ns", Map.of());
    deployment(objects).setMounts("/spec/template/spec");
    JsonNode pod = objects.addTo(List.of(synthesized())).get(0).at("/spec/template/spec");

    assertThat(pod.has("volumes")).isFalse();
    assertThat(pod.at("/containers/0").has("volumeMounts")).isFalse();
  }
}
