package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.shop.ShopStack;
import org.junit.jupiter.api.Test;

/** Whose bug the trace shows. */
class BugReportTest {
  private static RuntimeException thrownAt(String... classes) {
    RuntimeException bug = new NullPointerException("x");
    StackTraceElement[] frames = new StackTraceElement[classes.length];
    for (int i = 0; i < classes.length; i++) {
      frames[i] = new StackTraceElement(classes[i], "m", simple(classes[i]) + ".java", 10 + i);
    }
    bug.setStackTrace(frames);
    return bug;
  }

  private static String simple(String type) {
    return type.substring(type.lastIndexOf('.') + 1);
  }

  @Test
  void withoutTheStacksCodeOnTheWayItIsStackwrights() {
    assertThat(
            BugReport.whose(
                new ShopStack(),
                thrownAt("java.util.Objects", "io.stackwright.render.k8s.KubernetesRenderer")))
        .isEqualTo("a bug in Stackwright, please report it with the trace below");
  }

  @Test
  void whereTheStacksCodeThrewItIsTheStacks() {
    assertThat(
            BugReport.whose(
                new ShopStack(),
                thrownAt("java.util.Objects", "io.stackwright.shop.ShopStack", "x.Caller")))
        .isEqualTo("a bug in the stack's code (at ShopStack.java:11)");
  }

  @Test
  void whereTheStacksCodeCalledWhatThrewItMayBeEither() {
    assertThat(
            BugReport.whose(
                new ShopStack(),
                thrownAt("io.stackwright.services.Postgres", "io.stackwright.shop.ShopStack")))
        .isEqualTo(
            "a bug in Stackwright or in the stack's code (which called it at ShopStack.java:11)");
  }
}
