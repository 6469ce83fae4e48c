package io.stackwright.validate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a manifests folder is read, and the Pods made from its pod templates. */
class ManifestTest {
  @TempDir Path folder;

  @Test
  void readsWhatKubectlAppliesFromAFolder() throws IOException {
    Files.writeString(
        folder.resolve("b.yaml"), "kind: ConfigMap\nmetadata: {name: b, namespace: n}\n");
    Files.writeString(folder.resolve("a.yml"), "---\nkind: Namespace\nmetadata: {name: n}\n---\n");
    Files.writeString(folder.resolve("NOTES.md"), "kind: not a manifest\n");
    Files.createDirectories(folder.resolve("compose"));
    Files.writeString(folder.resolve("compose/compose.yaml"), "services: {}\n");

    assertThat(Manifest.read(folder))
        .map(Manifest::id)
        .containsExactly("Namespace/n", "ConfigMap/n/b");
  }

  @Test
  void aCronJobsTemplateBecomesAPod() throws IOException {
    Files.writeString(
        folder.resolve("job.yaml"),
        "kind: CronJob\nmetadata: {name: backup, namespace: n}\n"
            + "spec:\n  jobTemplate:\n    spec:\n      template:\n"
            + "        metadata: {labels: {app: backup}}\n"
            + "        spec: {containers: [{name: c, image: i}], restartPolicy: Never}\n");

    assertThat(Manifest.read(folder).get(0).podFromTemplate().orElseThrow().toString())
        .isEqualTo(
            "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"cronjob-backup\","
                + "\"namespace\":\"n\",\"labels\":{\"app\":\"backup\"}},\"spec\":{\"containers\":"
                + "[{\"name\":\"c\",\"image\":\"i\"}],\"restartPolicy\":\"Never\"}}");
  }

  @Test
  void aStatefulSetsClaimTemplatesBecomeItsPodsVolumes() throws IOException {
    Files.writeString(
        folder.resolve("db.yaml"),
        "kind: StatefulSet\nmetadata: {name: db, namespace: n}\n"
            + "spec:\n  template:\n    spec: {containers: [{name: c, image: i}]}\n"
            + "  volumeClaimTemplates: [{metadata: {name: data}}]\n");

    assertThat(
            Manifest.read(folder)
                .get(0)
                .podFromTemplate()
                .orElseThrow()
                .at("/spec/volumes")
                .toString())
        .isEqualTo("[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"data-db-0\"}}]");
  }

  @Test
  void anObjectWithoutAPodTemplateMakesNoPod() throws IOException {
    Files.writeString(
        folder.resolve("s.yaml"), "kind: Service\nmetadata: {name: s, namespace: n}\n");

    assertThat(Manifest.read(folder).get(0).podFromTemplate()).isEmpty();
  }
}
