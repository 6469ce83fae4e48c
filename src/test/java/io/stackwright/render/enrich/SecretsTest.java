package io.stackwright.render.enrich;

import static io.stackwright.render.enrich.Rendered.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.model.SecretFile;
import io.stackwright.render.k8s.KubernetesRenderer;
import io.stackwright.stack.Stack;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets reach a container as files, never as values in the output outside development (rule
 * {@code no-literal-secrets}).
 */
class SecretsTest {
  private static final SecretFile PASSWORD = new SecretFile("db-password", "db-credentials", "pw");

  private static Stack readers(Stack stack) {
    TestServices.web("api").runAs(10001, 10001).secret(PASSWORD, "DB_PASSWORD_FILE").addTo(stack);
    TestServices.web("db").runAs(999, 999).secret(PASSWORD, "POSTGRES_PASSWORD_FILE").addTo(stack);
    return stack;
  }

  @Test
  void inDevelopmentTheMarkedValueIsAFileBesideTheComposeFile() {
    Rendered rendered = Rendered.of(readers(TestServices.dev()));

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
    Rendered rendered = Rendered.of(readers(TestServices.prod()));

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
  void aPodMountsTheOneKeyAsTheSameFileReadableByItsGroup() {
    JsonNode pod =
        Rendered.of(readers(TestServices.prod()))
            .find("Deployment", "api")
            .at("/spec/template/spec");

    assertThat(pod.at("/containers/0/volumeMounts").toString())
        .contains(
            "{\"mountPath\":\"/run/secrets/db-password\",\"name\":\"secret-db-password\","
                + "\"readOnly\":true,\"subPath\":\"db-password\"}");
    JsonNode secret = pod.at("/volumes").findParent("secretName");
    assertThat(secret.path("secretName").asText()).isEqualTo("db-credentials");
    assertThat(secret.path("defaultMode").intValue()).isEqualTo(0440);
    assertThat(secret.at("/items/0/key").asText()).isEqualTo("pw");
    assertThat(secret.at("/items/0/path").asText()).isEqualTo("db-password");
  }

  @Test
  void inDevelopmentTheSecretsAreMadeMarkedInAFileOfTheirOwn() {
    Rendered dev = Rendered.of(readers(TestServices.dev()));
    Rendered prod = Rendered.of(readers(TestServices.prod()));

    List<ObjectNode> secrets = dev.manifests().get(KubernetesRenderer.DEV_SECRETS_FILE);
    assertThat(secrets).hasSize(1);
    assertThat(secrets.get(0).at("/metadata/name").asText()).isEqualTo("db-credentials");
    assertThat(secrets.get(0).at("/stringData/pw").asText()).startsWith("dev-only-not-secret-");
    assertThat(secrets.get(0).at("/metadata/annotations").toString())
        .contains("stackwright.io/development-value");
    assertThat(prod.manifests()).doesNotContainKey(KubernetesRenderer.DEV_SECRETS_FILE);
  }
}
