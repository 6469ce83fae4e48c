package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import org.junit.jupiter.api.Test;

/** Each development tool stands alone beside the one store it opens. */
class DevToolsTest {

  @Test
  void aDatabaseUiForAStackWithoutRedis() {
    Stack stack = new Stack("team", "dev", "team-dev", true);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    DevTools.databaseUi(stack, DevToolsProps.defaults(), postgres);

    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text(ComposeRenderer.COMPOSE_FILE))
        .contains("\n  database-ui:\n")
        .contains("ADMINER_DEFAULT_SERVER: postgres")
        .doesNotContain("redis");
  }

  @Test
  void aRedisUiForAStackWithoutPostgres() {
    Stack stack = new Stack("team", "dev", "team-dev", true);
    Redis redis = new Redis(stack, RedisProps.defaults());
    DevTools.redisUi(stack, DevToolsProps.defaults(), redis);

    SynthOutput output = Synthesizer.render(stack.toModel());

    assertThat(output.text(ComposeRenderer.COMPOSE_FILE))
        .contains("\n  redis-ui:\n")
        .doesNotContain("database-ui")
        .doesNotContain("postgres");
  }

  @Test
  void withoutPropsEachToolTakesEveryDefault() {
    Stack stack = new Stack("team", "dev", "team-dev", true);
    DevTools.databaseUi(stack, new Postgres(stack, PostgresProps.defaults()));
    DevTools.redisUi(stack, new Redis(stack, RedisProps.defaults()));

    String compose = Synthesizer.render(stack.toModel()).text(ComposeRenderer.COMPOSE_FILE);

    assertThat(compose)
        .contains("image: " + DevTools.DEFAULT_DATABASE_UI)
        .contains("127.0.0.1:8081:8080")
        .contains("image: " + DevTools.DEFAULT_REDIS_UI)
        .contains("127.0.0.1:8082:8081");
  }

  @Test
  void neitherOutsideDevelopment() {
    Stack stack = new Stack("team", "prod", "team-prod", false);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());

    assertThatThrownBy(() -> DevTools.databaseUi(stack, DevToolsProps.defaults(), postgres))
        .hasMessageContaining("development environments only");
    assertThatThrownBy(() -> DevTools.databaseUi(stack, postgres))
        .hasMessageContaining("development environments only");
  }
}
