package io.stackwright.render.k8s.jsii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cdk8s.Duration;
import org.junit.jupiter.api.Test;

class KernelValuesTest {

  @Test
  void aValueIsMadeOnceForItsKeyAndType() {
    KernelValues values = new KernelValues();
    List<Integer> made = new ArrayList<>();

    Duration first = values.value(Duration.class, 5, () -> make(made, 5));
    Duration again = values.value(Duration.class, 5, () -> make(made, 5));
    Duration other = values.value(Duration.class, 6, () -> make(made, 6));

    assertThat(again).isSameAs(first);
    assertThat(other).isNotSameAs(first);
    assertThat(made).containsExactly(5, 6);
    assertThat(first.toSeconds()).isEqualTo(5);
    assertThat(other.toSeconds()).isEqualTo(6);
  }

  @Test
  void equalKeysOfTwoTypesAreTwoValues() {
    KernelValues values = new KernelValues();

    Object duration = values.value(Duration.class, 5, () -> Duration.seconds(5));
    Object text = values.value(String.class, 5, () -> "five");

    assertThat(duration).isInstanceOf(Duration.class);
    assertThat(text).isEqualTo("five");
  }

  @Test
  void eachRenderHasItsOwnValues() {
    Duration one = new KernelValues().value(Duration.class, 5, () -> Duration.seconds(5));
    Duration two = new KernelValues().value(Duration.class, 5, () -> Duration.seconds(5));

    assertThat(two).isNotSameAs(one);
  }

  private static Duration make(List<Integer> made, int seconds) {
    made.add(seconds);
    return Duration.seconds(seconds);
  }
}
