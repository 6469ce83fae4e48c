package io.stackwright.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwright.model.ImageRef;
import io.stackwright.model.Probe;
import io.stackwright.output.SynthOutput;
import io.stackwright.shop.TestStacks;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import org.junit.jupiter.api.Test;

/**
 * The backend is the {@link HttpFramework#GENERIC} preset of {@link HttpService}: it renders as its
 * own description did before, and a missing Redis is a clear error rather than a
 * NullPointerException.
 */
class BackendTest {

  private static final ImageRef IMAGE = ImageRef.parse("registry.example.com/acme/shop-api:1.4.2");

  @Test
  void backendIsTheGenericPresetAndRendersAsBefore() {
    SynthOutput now = shop(true);
    SynthOutput before = shop(false);

    assertThat(now.files().keySet()).isEqualTo(before.files().keySet());
    for (String file : before.files().keySet()) {
      assertThat(now.text(file)).as(file).isEqualTo(before.text(file));
    }
    assertThat(now.text("backend.yaml"))
        .contains("path: /health/live", "path: /health/ready", "METRICS_PATH: /metrics");
  }

  @Test
  void backendRefusesAMissingRedisClearly() {
    Stack stack = new Stack("shop", "dev", "shop-dev", true);
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());

    assertThatThrownBy(
            () ->
                new Backend(
                    stack, new BackendProps(IMAGE, null, null, null, null, null), postgres, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got a PostgreSQL and no Redis")
        .hasMessageContaining("HttpService");
  }

  /**
   * The backend with PostgreSQL and Redis, as {@link Backend} adds it ({@code current}), or as its
   * description was before it became an {@link HttpService}.
   */
  private static SynthOutput shop(boolean current) {
    Stack stack = new Stack("shop", "prod", "shop-prod", false);
    stack.network(TestStacks.CLUSTER.toNetwork());
    Postgres postgres = new Postgres(stack, PostgresProps.defaults());
    Redis redis = new Redis(stack, RedisProps.defaults());
    BackendProps props =
        new BackendProps(IMAGE, null, new AutoscalingProps(2, 4, null), null, LogLevel.WARN, null);
    if (current) {
      new Backend(stack, props, postgres, redis);
    } else {
      GenericService.builder("backend")
          .component("api")
          .image(props.image())
          .replicas(props.replicas())
          .port("http", 8080)
          .env("HTTP_PORT", "8080")
          .env("LOG_LEVEL", "warn")
          .env("DB_HOST", postgres.endpoint().host())
          .env("DB_PORT", postgres.endpoint().portValue())
          .env("DB_NAME", postgres.database())
          .env("DB_USER", postgres.user())
          .secret(postgres.password(), "DB_PASSWORD_FILE")
          .env("REDIS_HOST", redis.endpoint().host())
          .env("REDIS_PORT", redis.endpoint().portValue())
          .secret(redis.password(), "REDIS_PASSWORD_FILE")
          .env("METRICS_PATH", "/metrics")
          .metrics("http", "/metrics")
          .dependsOn(postgres.endpoint())
          .dependsOn(redis.endpoint())
          .writable("/tmp")
          .readiness(new Probe(new Probe.HttpGet("/health/ready", 8080), 10, 3, 3))
          .liveness(new Probe(new Probe.HttpGet("/health/live", 8080), 10, 3, 3))
          .startupSeconds(60)
          .resources(props.effectiveResources())
          .runAs(props.runAsUser(), props.runAsUser())
          .autoscaling(props.autoscaling().toAutoscaling())
          .addTo(stack);
    }
    new Prometheus(stack, PrometheusProps.defaults());
    return Synthesizer.render(stack.toModel());
  }
}
