package io.stackwright.render.compose;

import static io.stackwright.render.compose.RenderedCompose.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.model.SecretFile;
import io.stackwright.stack.Stack;
import org.junit.jupiter.api.Test;

/**
 * Secrets and config files reach a Compose service as files, never as values in the Compose file
 * (rule {@code no-literal-secrets}).
 */
class ComposeSecretsTest {
  private static final SecretFile PASSWORD = new SecretFile("db-password", "db-credentials", "pw");

  private static Stack readers(Stack stack) {
    TestServices.web("api").runAs(10001, 10001).secret(PASSWORD, "DB_PASSWORD_FILE").addTo(stack);
    TestServices.web("db").runAs(999, 999).secret(PASSWORD, "POSTGRES_PASSWORD_FILE").addTo(stack);
    return stack;
  }

  @Test
  void inDevelopmentTheMarkedValueIsAFileBesideTheComposeFile() {
    RenderedCompose rendered = RenderedCompose.of(readers(TestServices.dev()));

    assertThat(texts(rendered.service("api").path("secrets"))).containsExactly("db-password");
    assertThat(rendered.compose().at("/secrets/db-password/file").asText())
        .isEqualTo("./secrets/db-password");
    assertThat(rendered.files().get("compose/secrets/db-password"))
        .startsWith("dev-only-not-secret-");
    assertThat(rendered.files()).doesNotContainKey("compose/.env.example");
    assertThat(rendered.service("api").at("/environment/DB_PASSWORD_FILE").asText())
        .isEqualTo("/run/secrets/db-password");
  }

  @Test
  void elsewhereAVariableNamesTheFileAndEnvExampleListsIt() {
    RenderedCompose rendered = RenderedCompose.of(readers(TestServices.prod()));

    assertThat(rendered.compose().at("/secrets/db-password/file").asText())
        .isEqualTo(
            "${DB_PASSWORD_FILE:?set DB_PASSWORD_FILE to the path of a file holding db-password}");
    assertThat(rendered.files()).doesNotContainKey("compose/secrets/db-password");
    assertThat(rendered.files().get("compose/.env.example"))
        .contains(
            "# Path of a file holding db-password (Kubernetes: Secret db-credentials, key pw)")
        .contains("readable by user 999 and 10001 ")
        .endsWith("\nDB_PASSWORD_FILE=\n");
    assertThat(String.join("\n", rendered.files().values())).doesNotContain("dev-only-not-secret");
  }

  @Test
  void aConfigFileIsWrittenBesideTheComposeFileAndMountedWhereTheServiceReadsIt() {
    Stack stack = TestServices.prod();
    TestServices.web("web").config("/etc/web/web.conf", "listen 8080;\n").addTo(stack);

    RenderedCompose rendered = RenderedCompose.of(stack);

    assertThat(rendered.compose().at("/configs/web-web.conf/file").asText())
        .isEqualTo("./config/web/web.conf");
    assertThat(rendered.files()).containsEntry("compose/config/web/web.conf", "listen 8080;\n");
    assertThat(rendered.service("web").at("/configs/0/source").asText()).isEqualTo("web-web.conf");
    assertThat(rendered.service("web").at("/configs/0/target").asText())
        .isEqualTo("/etc/web/web.conf");
    assertThat(rendered.files()).doesNotContainKey("compose/.env.example");
  }
}
