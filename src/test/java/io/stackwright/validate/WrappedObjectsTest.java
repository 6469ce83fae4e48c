package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An object wrapped in a List is checked like any other: kubectl applies the items one by one. */
class WrappedObjectsTest {

  private static final Map<String, Object> PRIVILEGED_POD =
      Map.of(
          "apiVersion",
          "v1",
          "kind",
          "Pod",
          "metadata",
          Map.of("name", "sneaky", "namespace", "shop-qa"),
          "spec",
          Map.of(
              "hostNetwork",
              true,
              "containers",
              List.of(
                  Map.of(
                      "name",
                      "x",
                      "image",
                      "busybox:latest",
                      "securityContext",
                      Map.of("privileged", true)))));

  @Test
  void aPodInsideAListFailsThePolicyLayer() {
    for (String kind : List.of("List", "PodList")) {
      Map<String, Object> list =
          Map.of(
              "apiVersion",
              "v1",
              "kind",
              kind,
              "metadata",
              Map.of("name", "wrapper"),
              "items",
              List.of(PRIVILEGED_POD));
      var stack = ValidationGateTest.stack(s -> s.addRawObject(list));

      ValidationReport report =
          new ValidationGate(new Tools(null, null, List.of()), ValidationMode.AUTO)
              .check(List.of(ValidationGateTest.subject(stack, List.of())));

      assertThat(report.passed()).as(kind).isFalse();
      assertThat(String.join("\n", report.failureLines()))
          .contains("Pod/sneaky")
          .contains("pod-security-restricted")
          .contains("pinned-images");
    }
  }
}
