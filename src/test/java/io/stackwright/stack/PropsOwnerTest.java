package io.stackwright.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ImageRef;
import io.stackwright.model.ServiceModel;
import io.stackwright.services.AutoscalingProps;
import io.stackwright.services.Backend;
import io.stackwright.services.BackendProps;
import io.stackwright.services.Frontend;
import io.stackwright.services.FrontendProps;
import io.stackwright.services.GenericService;
import io.stackwright.services.HttpService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.services.IngressProps;
import io.stackwright.services.Nginx;
import io.stackwright.services.NginxProps;
import io.stackwright.services.NginxRoute;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresProps;
import io.stackwright.services.Prometheus;
import io.stackwright.services.PrometheusProps;
import io.stackwright.services.Redis;
import io.stackwright.services.RedisProps;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A value of a service that a rule of the stack refuses belongs to the props record the service was
 * made from, under that record's key, so that the synth can name the key where the environment file
 * holds the record.
 */
class PropsOwnerTest {
  private static final ImageRef UNPINNED = ImageRef.parse("ghcr.io/acme/thing:latest");

  private static InvalidPropException refusal(Consumer<Stack> define) {
    Stack stack = new Stack("t", "prod", "t-prod", false);
    define.accept(stack);
    return assertThrows(InvalidPropException.class, stack::toModel);
  }

  private static NginxProps edge(Integer replicas, IngressProps ingress) {
    return new NginxProps(
        null,
        replicas,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        ingress,
        ingress == null ? null : List.of("10.0.0.0/16"));
  }

  private static HttpServiceProps http(Integer replicas) {
    return new HttpServiceProps(
        ImageRef.parse("ghcr.io/acme/api:1.0.0"), replicas, null, null, null, null);
  }

  @Test
  void theEdgesReplicasAndIngressAreItsProps() {
    NginxProps one = edge(null, null);
    InvalidPropException replicas =
        refusal(
            stack -> {
              HttpService api = HttpService.builder("api").props(http(2)).addTo(stack);
              new Nginx(stack, one, List.of(NginxRoute.to(api.endpoint()).build()));
            });

    assertThat(replicas.owner()).isSameAs(one);
    assertThat(replicas.prop()).isEqualTo("replicas");
    assertThat(replicas.key()).as("unchanged where no file names it").isEqualTo("nginx.replicas");

    NginxProps plain = edge(2, new IngressProps("t.example.com", null, null, null));
    InvalidPropException tls =
        refusal(
            stack -> {
              HttpService api = HttpService.builder("api").props(http(2)).addTo(stack);
              new Nginx(stack, plain, List.of(NginxRoute.to(api.endpoint()).build()));
            });

    assertThat(tls.owner()).isSameAs(plain);
    assertThat(tls.prop()).isEqualTo("ingress.tlsSecret");
    assertThat(tls.at("edge.ingress.tlsSecret").hint())
        .isEqualTo("set edge.ingress.tlsSecret to the Secret holding its certificate");
  }

  @Test
  void anHttpServicesReplicasAreItsProps() {
    HttpServiceProps one = http(1);
    InvalidPropException e = refusal(stack -> HttpService.builder("api").props(one).addTo(stack));

    assertThat(e.owner()).isSameAs(one);
    assertThat(e.prop()).isEqualTo("replicas");
    assertThat(e.at("services.api.replicas").hint())
        .isEqualTo(
            "set services.api.replicas: 2 or more, or services.api.autoscaling.minReplicas: 2 or more");
    assertThat(e.at("services.api.replicas").absentHint())
        .isEqualTo(
            "add services.api.replicas: 2 or more, or services.api.autoscaling.minReplicas: 2 or more");
  }

  @Test
  void anAutoscaledServiceIsRefusedAtItsMinimum() {
    HttpServiceProps scaled =
        new HttpServiceProps(
            ImageRef.parse("ghcr.io/acme/api:1.0.0"),
            null,
            new AutoscalingProps(1, 3, null),
            null,
            null,
            null);
    InvalidPropException e =
        refusal(stack -> HttpService.builder("api").props(scaled).addTo(stack));

    assertThat(e.owner()).isSameAs(scaled);
    assertThat(e.prop()).isEqualTo("autoscaling.minReplicas");
    assertThat(e.hint()).isEqualTo("set api.autoscaling.minReplicas: 2 or more");
  }

  @Test
  void theBackendsValuesAreItsOwnPropsNotTheCopyItPassesOn() {
    BackendProps backend =
        new BackendProps(ImageRef.parse("ghcr.io/acme/api:1.0.0"), 1, null, null, null, null);
    InvalidPropException e =
        refusal(
            stack ->
                new Backend(
                    stack,
                    backend,
                    new Postgres(stack, PostgresProps.defaults()),
                    new Redis(stack, RedisProps.defaults())));

    assertThat(e.owner()).isSameAs(backend);
    assertThat(e.prop()).isEqualTo("replicas");
  }

  @Test
  void theFrontendsReplicasAreItsProps() {
    FrontendProps frontend =
        new FrontendProps(ImageRef.parse("ghcr.io/acme/web:1.0.0"), null, null, null);
    InvalidPropException e = refusal(stack -> new Frontend(stack, frontend));

    assertThat(e.owner()).isSameAs(frontend);
    assertThat(e.prop()).isEqualTo("replicas");
  }

  @Test
  void anUnpinnedImageIsTheDataServicesProps() {
    PostgresProps postgres =
        new PostgresProps(UNPINNED, null, null, null, null, null, null, null, null);
    InvalidPropException db = refusal(stack -> new Postgres(stack, postgres));
    assertThat(db.owner()).isSameAs(postgres);
    assertThat(db.prop()).isEqualTo("image");

    RedisProps redis = new RedisProps(UNPINNED, null, null, null, null, null);
    InvalidPropException cache = refusal(stack -> new Redis(stack, redis));
    assertThat(cache.owner()).isSameAs(redis);
    assertThat(cache.prop()).isEqualTo("image");

    PrometheusProps prometheus = new PrometheusProps(UNPINNED, null, null, null, null, null);
    InvalidPropException monitoring = refusal(stack -> new Prometheus(stack, prometheus));
    assertThat(monitoring.owner()).as("made last, from all others").isSameAs(prometheus);
    assertThat(monitoring.prop()).isEqualTo("image");
  }

  @Test
  void aServiceMadeWithoutPropsKeepsItsModelAsOwner() {
    InvalidPropException e =
        refusal(
            stack ->
                GenericService.builder("worker")
                    .image("ghcr.io/acme/worker:1.0.0")
                    .port("http", 8080)
                    .httpProbe("/healthz", "http")
                    .addTo(stack));

    assertThat(e.owner()).isInstanceOf(ServiceModel.class);
    assertThat(e.prop()).isEqualTo("replicas");
    assertThat(e.key()).isEqualTo("worker.replicas");
  }
}
