package io.stackwright.synth;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.env.InvalidPropException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the environment file holds each record of the settings. */
class PropsPathsTest {

  /** Stands in for a service's props. */
  public record Part(Integer replicas, Part inner) {}

  /** Settings that hold parts directly, nested, in a list and in a map. */
  public record Root(Part edge, Part deep, List<Part> workers, Map<String, Part> services) {}

  private static InvalidPropException refusal(Object owner, String prop) {
    return new InvalidPropException("nginx." + prop, "too few", path -> "set " + path + ": 2", null)
        .ownedBy(owner, prop);
  }

  @Test
  void everyRecordIsFoundAtItsKeyPath() {
    Part edge = new Part(1, null);
    Part inner = new Part(1, null);
    Part deep = new Part(null, inner);
    Part worker = new Part(1, null);
    Part web = new Part(1, null);
    Root root = new Root(edge, deep, List.of(new Part(2, null), worker), Map.of("web", web));

    PropsPaths paths = PropsPaths.of(root);

    assertThat(paths.pathOf(root)).isEmpty();
    assertThat(paths.pathOf(edge)).isEqualTo("edge");
    assertThat(paths.pathOf(inner)).isEqualTo("deep.inner");
    assertThat(paths.pathOf(worker)).isEqualTo("workers[1]");
    assertThat(paths.pathOf(web)).isEqualTo("services.web");
    assertThat(paths.pathOf(new Part(1, null))).as("an equal record is not that one").isNull();
  }

  @Test
  void aRefusedValueOfARecordIsAtThatRecordsPath() {
    Part inner = new Part(1, null);
    Root root = new Root(new Part(1, null), new Part(null, inner), List.of(), Map.of());

    InvalidPropException located = PropsPaths.of(root).locate(refusal(inner, "replicas"));

    assertThat(located.key()).isEqualTo("deep.inner.replicas");
    assertThat(located.hint()).isEqualTo("set deep.inner.replicas: 2");
  }

  @Test
  void whatCannotBeToldIsNotGuessed() {
    Part shared = new Part(1, null);
    Root root = new Root(shared, shared, List.of(), Map.of());
    PropsPaths paths = PropsPaths.of(root);

    assertThat(paths.pathOf(shared)).as("held at two paths").isNull();
    assertThat(paths.locate(refusal(shared, "replicas"))).isNull();
    assertThat(paths.locate(refusal(new Part(1, null), "replicas")))
        .as("not of the settings")
        .isNull();
    Part edge = new Part(1, null);
    assertThat(PropsPaths.of(new Root(edge, null, null, null)).locate(refusal(edge, "ingress")))
        .as("not a key of the record")
        .isNull();
  }
}
