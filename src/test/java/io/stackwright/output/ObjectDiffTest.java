package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ObjectDiffTest {
  private static final String MANIFEST =
      """
      apiVersion: v1
      data:
        LOG_LEVEL: info
      kind: ConfigMap
      metadata:
        name: web-env
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        labels:
          name: not-this
        name: web
      spec:
        replicas: 2
      """;

  private static SortedMap<String, DistWriter.Bytes> files(String... pathsAndTexts) {
    SortedMap<String, DistWriter.Bytes> files = new TreeMap<>();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      files.put(
          pathsAndTexts[i],
          new DistWriter.Bytes(pathsAndTexts[i + 1].getBytes(StandardCharsets.UTF_8)));
    }
    return files;
  }

  private static List<ObjectDiff.FileChange> diff(String path, String before, String after) {
    return ObjectDiff.compare("dist/prod/", files(path, before), files(path, after));
  }

  @Test
  void aChangeInAManifestIsShownUnderItsObjectWithTheFilesLineNumbers() {
    List<ObjectDiff.FileChange> changes =
        diff("web.yaml", MANIFEST, MANIFEST.replace("replicas: 2", "replicas: 3"));

    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).path()).isEqualTo("dist/prod/web.yaml");
    assertThat(changes.get(0).objects()).hasSize(1);
    ObjectDiff.ObjectChange change = changes.get(0).objects().get(0);
    assertThat(change.object()).isEqualTo("Deployment/web");
    assertThat(change.change()).isEqualTo(ObjectDiff.Change.CHANGED);
    assertThat(change.diff())
        .startsWith("@@ -12,4 +12,4 @@\n")
        .contains("\n-  replicas: 2\n+  replicas: 3\n");
  }

  @Test
  void anObjectAddedToAManifestIsAnAddedObject() {
    String extra = "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n";

    List<ObjectDiff.FileChange> changes = diff("web.yaml", MANIFEST, MANIFEST + extra);

    assertThat(changes.get(0).objects())
        .extracting(ObjectDiff.ObjectChange::object, ObjectDiff.ObjectChange::change)
        .containsExactly(tuple("Service/web", ObjectDiff.Change.ADDED));
  }

  @Test
  void aComposeFileIsShownByService() {
    String compose =
        "services:\n  api:\n    image: a:1\n  web:\n    image: w:1\nvolumes:\n  data: {}\n";

    List<ObjectDiff.FileChange> changes =
        diff("compose/compose.yaml", compose, compose.replace("w:1", "w:2"));

    assertThat(changes.get(0).objects())
        .extracting(ObjectDiff.ObjectChange::object)
        .containsExactly("ComposeService/web");
  }

  @Test
  void filesAddedAndRemovedAreSaidSo() {
    List<ObjectDiff.FileChange> changes =
        ObjectDiff.compare("dist/prod/", files("old.md", "a\n"), files("new.md", "b\n"));

    assertThat(changes)
        .extracting(ObjectDiff.FileChange::path, ObjectDiff.FileChange::change)
        .containsExactly(
            tuple("dist/prod/new.md", ObjectDiff.Change.ADDED),
            tuple("dist/prod/old.md", ObjectDiff.Change.REMOVED));
  }

  @Test
  void secretValuesAreMaskedOnBothSides() {
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
        stringData:
          password: dev-only-not-secret-aaaa
        """;
    String config =
        """
        apiVersion: v1
        data:
          API_TOKEN: s3cr3t-one
          DB_PASSWORD_FILE: /run/secrets/db-password
        kind: ConfigMap
        metadata:
          name: web-env
        ---
        kind: Deployment
        metadata:
          name: web
        spec:
          env:
            - name: REDIS_PASSWORD
              value: hunter2
        """;

    String shown =
        render(
            ObjectDiff.compare(
                "dist/dev/",
                files(
                    "01-dev-secrets.yaml", secret,
                    "web.yaml", config,
                    "compose/secrets/db-password", "dev-only-not-secret-aaaa\n"),
                files(
                    "01-dev-secrets.yaml", secret.replace("aaaa", "bbbb") + "  other: x1\n",
                    "web.yaml",
                        config.replace("one", "two").replace("hunter2", "hunter3")
                            + "        - name: LOG_LEVEL\n          value: info\n",
                    "compose/secrets/db-password", "dev-only-not-secret-bbbb\nsecond\n")));

    assertThat(shown)
        .doesNotContain("aaaa", "bbbb", "s3cr3t", "hunter", "x1", "second")
        .contains("+  other: ********")
        .contains("+          value: info");
    assertThat(ObjectDiff.mask("web.yaml", config))
        .as("a path to a secret file is not a secret")
        .contains("  API_TOKEN: ********\n  DB_PASSWORD_FILE: /run/secrets/db-password\n");
  }

  @Test
  void aChangeOfAMaskedValueAloneIsReportedWithoutTheValue() {
    String before = "services:\n  web:\n    environment:\n      API_KEY: one\n";

    List<ObjectDiff.FileChange> changes =
        diff("compose/compose.yaml", before, before.replace("one", "two"));

    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).objects())
        .extracting(ObjectDiff.ObjectChange::object)
        .containsExactly("ComposeService/web");
    assertThat(render(changes)).contains("only a masked secret value").doesNotContain("one", "two");
  }

  @Test
  void theDataOfASecretIsMaskedThoughItsKeysComeBeforeItsKind() {
    String tls =
        """
        apiVersion: v1
        data:
          tls.crt: LS0tLS1CRUdJTiBDRVJU
          tls.key: LS0tLS1CRUdJTiBQUklW
        kind: Secret
        metadata:
          name: web-tls
        type: kubernetes.io/tls
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
        stringData:
          config: host=db user=app pass=opensesame
        """;

    String shown = render(diff("secrets.yaml", "", tls));

    assertThat(shown)
        .doesNotContain("LS0t", "opensesame")
        .contains("+  tls.key: ********", "+  config: ********", "+  name: web-tls");
  }

  @Test
  void aSecretValueWrittenAsABlockIsMaskedLineByLine() {
    String secret =
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: web-tls
        stringData:
          tls.key: |
            -----BEGIN PRIVATE KEY-----
            MIIEvQIBADANBgkqhkiG9w0BAQEFAASC
            -----END PRIVATE KEY-----
        type: kubernetes.io/tls
        ---
        apiVersion: v1
        data:
          DB_PASSWORD: |-
            first-line-of-it
            second-line-of-it
          LOG_LEVEL: info
        kind: ConfigMap
        metadata:
          name: app
        """;

    String shown = render(diff("secrets.yaml", "", secret));

    assertThat(shown)
        .doesNotContain("MIIEvQ", "BEGIN PRIVATE", "first-line", "second-line")
        .contains("+  tls.key: ********", "+    ********", "+type: kubernetes.io/tls")
        .contains("+  LOG_LEVEL: info", "+  name: app");
  }

  @Test
  void aSettingNamedAfterPasswordsButNotSecretStaysVisible() {
    String before = "password_encryption = md5\nlisten_addresses = '*'\n";
    String after = "password_encryption = scram-sha-256\nlisten_addresses = '*'\n";

    String shown = render(diff("compose/config/postgres/postgresql.conf", before, after));

    assertThat(shown)
        .contains("-password_encryption = md5", "+password_encryption = scram-sha-256");
    assertThat(ObjectDiff.mask("x.yaml", "      automountServiceAccountToken: false"))
        .isEqualTo("      automountServiceAccountToken: false");
  }

  @Test
  void realSecretsNamedLikeSettingsAreStillMasked() {
    String text =
        """
        password = hunter2
        password_encryption_key = k3y
        DB_PASSWORD: pw1
        auth_token: t0k
        SECRET_KEY_BASE: b4se
        """;

    assertThat(ObjectDiff.mask("app.conf", text))
        .doesNotContain("hunter2", "k3y", "pw1", "t0k", "b4se");
  }

  private static String render(List<ObjectDiff.FileChange> changes) {
    StringBuilder text = new StringBuilder();
    changes.forEach(f -> f.objects().forEach(o -> text.append(o.diff())));
    return text.toString();
  }
}
