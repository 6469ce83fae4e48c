package io.stackwright.render.k8s.jsii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.Duration;
import org.cdk8s.plus33.ConfigMap;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;

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

  @Test
  void sharedConstructsAreNeverPartOfTheRendersCharts() {
    App app = new App();
    Chart chart = new Chart(app, "services");
    new ConfigMap(chart, "own");
    KernelValues values = new KernelValues();

    List<Construct> scopes = new ArrayList<>();
    ConfigMap shared =
        values.construct(
            ConfigMap.class,
            "shared",
            (scope, id) -> {
              scopes.add(scope);
              return new ConfigMap(scope, id);
            });
    ConfigMap again =
        values.construct(ConfigMap.class, "shared", (scope, id) -> new ConfigMap(scope, id));

    assertThat(again).isSameAs(shared);
    assertThat(scopes).hasSize(1);
    assertThat(scopes.get(0).getNode().getRoot()).isNotSameAs(app);
    assertThat(chart.toJson()).hasSize(1);
  }

  private static Duration make(List<Integer> made, int seconds) {
    made.add(seconds);
    return Duration.seconds(seconds);
  }
}
