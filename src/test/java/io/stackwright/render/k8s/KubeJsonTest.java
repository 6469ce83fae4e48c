package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.cdk8s.plus33.k8s.EmptyDirVolumeSource;
import org.cdk8s.plus33.k8s.LabelSelector;
import org.cdk8s.plus33.k8s.NetworkPolicyPort;
import org.cdk8s.plus33.k8s.Quantity;
import org.cdk8s.plus33.k8s.TopologySpreadConstraint;
import org.cdk8s.plus33.k8s.VolumeMount;
import org.junit.jupiter.api.Test;

/** The binding's structs are written here by their Kubernetes field names, with no kernel. */
class KubeJsonTest {

  @Test
  void aStructIsWrittenByItsFieldNamesLeavingOutWhatIsUnset() throws IOException {
    TopologySpreadConstraint constraint =
        TopologySpreadConstraint.builder()
            .maxSkew(1)
            .topologyKey("kubernetes.io/hostname")
            .whenUnsatisfiable("ScheduleAnyway")
            .labelSelector(LabelSelector.builder().matchLabels(Map.of("app", "web")).build())
            .matchLabelKeys(List.of("pod-template-hash"))
            .build();

    assertThat(KubeJson.tree(List.of(constraint)))
        .isEqualTo(
            new ObjectMapper()
                .readTree(
                    "[{\"labelSelector\":{\"matchLabels\":{\"app\":\"web\"}},"
                        + "\"matchLabelKeys\":[\"pod-template-hash\"],\"maxSkew\":1,"
                        + "\"topologyKey\":\"kubernetes.io/hostname\","
                        + "\"whenUnsatisfiable\":\"ScheduleAnyway\"}]"));
  }

  @Test
  void aStructsFieldsAreInNameOrderAsCdk8sWritesThem() {
    VolumeMount mount =
        VolumeMount.builder().subPath("a").name("tmp").readOnly(true).mountPath("/tmp").build();

    assertThat(KubeJson.object(mount).fieldNames())
        .toIterable()
        .containsExactly("mountPath", "name", "readOnly", "subPath");
  }

  @Test
  void aNumberMadeHereIsWrittenAsANumber() {
    NetworkPolicyPort port =
        NetworkPolicyPort.builder().protocol("TCP").port(KubeJson.number(5432)).build();

    assertThat(KubeJson.object(port).get("port").isInt()).isTrue();
    assertThat(KubeJson.object(port).get("port").intValue()).isEqualTo(5432);
  }

  @Test
  void aQuantityMadeHereIsWrittenAsText() {
    EmptyDirVolumeSource source =
        EmptyDirVolumeSource.builder()
            .medium("Memory")
            .sizeLimit(KubeJson.quantity("64Mi"))
            .build();

    assertThat(KubeJson.object(source).get("sizeLimit").isTextual()).isTrue();
    assertThat(KubeJson.object(source).get("sizeLimit").textValue()).isEqualTo("64Mi");
  }

  @Test
  void aQuantityMadeInTheKernelIsABugOfTheRenderer() {
    EmptyDirVolumeSource source =
        EmptyDirVolumeSource.builder().sizeLimit(Quantity.fromString("64Mi")).build();

    assertThatThrownBy(() -> KubeJson.object(source))
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage(
            "Quantity made in the jsii kernel cannot be written here; make it with"
                + " KubeJson.quantity");
  }

  @Test
  void anEmptyStructIsAnEmptyObject() {
    assertThat(KubeJson.object(LabelSelector.builder().build())).isEmpty();
  }

  @Test
  void whatIsNotAnObjectIsABugOfTheRenderer() {
    assertThatThrownBy(() -> KubeJson.object(List.of("x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not a Kubernetes object");
  }
}
