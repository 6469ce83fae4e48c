package io.stackwright.render.compose;

import static io.stackwright.render.enrich.Rendered.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackwright.model.Memory;
import io.stackwright.model.SecretFile;
import io.stackwright.render.enrich.Rendered;
import io.stackwright.render.enrich.TestServices;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the renderer assembles from the model itself: the project, what each service runs, its
 * volume, published port and config files, and a file Compose reads literally. Each cross-cutting
 * default has a test of its own ({@code render.enrich}); the whole files are the {@code dist/}
 * snapshots.
 */
class ComposeRendererTest {

  @Test
  void theProjectIsNamedAfterTheStackAndItsEnvironment() {
    Stack stack = TestServices.prod();
    TestServices.web("web").addTo(stack);

    assertThat(Rendered.of(stack).compose().path("name").asText()).isEqualTo("demo-prod");
  }

  @Test
  void aServiceRunsWhatTheModelSays() {
    Stack stack = TestServices.dev();
    GenericService db = TestServices.web("db").addTo(stack);
    TestServices.web("api")
        .command(List.of("/app/run"))
        .args(List.of("--port", "8080"))
        .env("LOG_LEVEL", "info")
        .envHost("DB_HOST", db.endpoint())
        .envPort("DB_PORT", db.endpoint())
        .addTo(stack);

    JsonNode api = Rendered.of(stack).service("api");

    assertThat(api.path("image").asText()).isEqualTo("ghcr.io/acme/api:1.0.0");
    assertThat(texts(api.path("entrypoint"))).containsExactly("/app/run");
    assertThat(texts(api.path("command"))).containsExactly("--port", "8080");
    // A reference resolves to the Compose service's name, not a Kubernetes DNS name.
    assertThat(api.path("environment").toString())
        .isEqualTo("{\"DB_HOST\":\"db\",\"DB_PORT\":\"8080\",\"LOG_LEVEL\":\"info\"}");
    assertThat(api.path("restart").asText()).isEqualTo("unless-stopped");
    assertThat(api.at("/logging/driver").asText()).isEqualTo("json-file");
    assertThat(api.at("/logging/options/max-size").asText()).isEqualTo("10m");
    assertThat(api.at("/logging/options/max-file").asText()).isEqualTo("3");
  }

  @Test
  void whatTheModelLeavesOutIsLeftOut() {
    Stack stack = TestServices.dev();
    TestServices.web("web").addTo(stack);

    Rendered rendered = Rendered.of(stack);
    JsonNode web = rendered.service("web");

    for (String key :
        List.of(
            "profiles",
            "entrypoint",
            "command",
            "init",
            "environment",
            "secrets",
            "configs",
            "volumes",
            "ports",
            "networks",
            "depends_on",
            "tmpfs",
            "shm_size")) {
      assertThat(web.has(key)).as(key).isFalse();
    }
    for (String section : List.of("configs", "secrets", "networks", "volumes")) {
      assertThat(rendered.compose().has(section)).as(section).isFalse();
    }
    assertThat(rendered.files()).containsOnlyKeys(ComposeRenderer.COMPOSE_FILE);
  }

  @Test
  void persistentDataIsANamedVolumeOfTheService() {
    Stack stack = TestServices.dev();
    TestServices.web("db").volume("data", "/var/lib/db", Memory.gibibytes(1), null).addTo(stack);

    Rendered rendered = Rendered.of(stack);

    assertThat(rendered.text()).contains("volumes:\n  db-data: {}\n");
    JsonNode mount = rendered.service("db").at("/volumes/0");
    assertThat(mount.path("type").asText()).isEqualTo("volume");
    assertThat(mount.path("source").asText()).isEqualTo("db-data");
    assertThat(mount.path("target").asText()).isEqualTo("/var/lib/db");
  }

  @Test
  void aHostPortIsPublishedOnTheLoopbackInterfaceOnly() {
    Stack stack = TestServices.dev();
    TestServices.web("edge").hostPort(9090).addTo(stack);

    assertThat(texts(Rendered.of(stack).service("edge").path("ports")))
        .containsExactly("127.0.0.1:9090:8080");
  }

  @Test
  void aComposeOnlyServiceStartsWithItsProfile() {
    Stack stack = TestServices.dev();
    TestServices.web("admin").composeOnly("devtools").addTo(stack);

    assertThat(texts(Rendered.of(stack).service("admin").path("profiles")))
        .containsExactly("devtools");
  }

  @Test
  void aDollarInAServiceIsWrittenLiterallyAndTheSecretsOwnInterpolationIsKept() {
    Stack stack = TestServices.prod();
    TestServices.web("api")
        .args(List.of("sh", "-c", "exec app --password \"$(cat $PASSWORD_FILE)\""))
        .env("PRICE", "$5")
        .secret(new SecretFile("api-key", "api", "key"), "KEY_FILE")
        .addTo(stack);

    Rendered rendered = Rendered.of(stack);
    JsonNode api = rendered.service("api");

    assertThat(api.at("/environment/PRICE").asText()).isEqualTo("$$5");
    assertThat(texts(api.path("command")))
        .contains("exec app --password \"$$(cat $$PASSWORD_FILE)\"");
    assertThat(rendered.compose().at("/secrets/api-key/file").asText())
        .startsWith("${API_KEY_FILE:?");
  }

  @Test
  void aPatchGetsTheServiceAsWrittenAndWhatItAddsIsLiteral() {
    Stack stack = TestServices.dev();
    TestServices.web("web").addTo(stack);
    stack.patchCompose(
        "web",
        service -> {
          // The service as written: Compose's own keys and value types.
          assertThat(service.get("read_only").isBoolean()).isTrue();
          assertThat(service.get("read_only").booleanValue()).isTrue();
          assertThat(service.get("cap_drop")).hasToString("[\"ALL\"]");
          assertThat(service.at("/healthcheck/retries").isInt()).isTrue();
          assertThat(service.at("/healthcheck/retries").intValue()).isEqualTo(3);
          service.put("stop_grace_period", "$1s");
        });

    assertThat(Rendered.of(stack).service("web").path("stop_grace_period").asText())
        .isEqualTo("$$1s");
  }

  @Test
  void aComposePatchOfNoServiceFails() {
    Stack stack = TestServices.dev();
    TestServices.web("web").addTo(stack);
    stack.patchCompose("wbe", service -> {});

    assertThatThrownBy(() -> Rendered.of(stack))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patch ComposeService/wbe matches no object");
  }

  @Test
  void aConfigFileIsWrittenBesideTheComposeFileAndMountedWhereTheServiceReadsIt() {
    Stack stack = TestServices.prod();
    TestServices.web("web").config("/etc/web/web.conf", "listen 8080;\n").addTo(stack);

    Rendered rendered = Rendered.of(stack);

    assertThat(rendered.compose().at("/configs/web-web.conf/file").asText())
        .isEqualTo("./config/web/web.conf");
    assertThat(rendered.files()).containsEntry("compose/config/web/web.conf", "listen 8080;\n");
    assertThat(rendered.service("web").at("/configs/0/source").asText()).isEqualTo("web-web.conf");
    assertThat(rendered.service("web").at("/configs/0/target").asText())
        .isEqualTo("/etc/web/web.conf");
    assertThat(rendered.files()).doesNotContainKey("compose/.env.example");
  }
}
