package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.env.InvalidPropException;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/**
 * A service whose settings have a required key, given none (a props record of one's own whose file
 * leaves out the section), is refused at the key named after it, not with a NullPointerException.
 */
class MissingSectionTest {
  private final Stack stack = new Stack("team", "dev", "team-dev", true);

  @Test
  void anHttpServiceWithoutSettings() {
    assertThatThrownBy(() -> HttpService.builder("api").props(null))
        .isInstanceOfSatisfying(
            InvalidPropException.class,
            e -> {
              assertThat(e.key()).isEqualTo("api");
              assertThat(e.hint()).isEqualTo("add a section api: with at least its image");
            })
        .hasMessage("missing required key \"api\"");
  }

  @Test
  void aFrontendWithoutSettings() {
    assertThatThrownBy(() -> new Frontend(stack, null))
        .isInstanceOfSatisfying(
            InvalidPropException.class, e -> assertThat(e.key()).isEqualTo("frontend"))
        .hasMessage("missing required key \"frontend\"");
  }

  @Test
  void aBackendWithoutSettings() {
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    Redis redis = new Redis(stack, RedisProps.defaults());

    assertThatThrownBy(() -> new Backend(stack, null, postgres, redis))
        .isInstanceOfSatisfying(
            InvalidPropException.class, e -> assertThat(e.key()).isEqualTo("backend"))
        .hasMessage("missing required key \"backend\"");
  }
}
