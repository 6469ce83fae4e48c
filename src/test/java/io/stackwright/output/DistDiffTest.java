package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistDiffTest {
  @TempDir Path folder;

  @Test
  void reportsChangedMissingAndExtraFilesAsUnifiedDiffs() throws IOException {
    Files.writeString(folder.resolve("backend.yaml"), "kind: Deployment\nreplicas: 2\nname: b\n");
    Files.writeString(folder.resolve("stale.yaml"), "kind: Old\n");
    SynthOutput output = new SynthOutput("prod", 0, 0);
    output.add("backend.yaml", "kind: Deployment\nreplicas: 3\nname: b\n");
    output.add("compose/compose.yaml", "name: shop-prod\n");

    List<DistDiff.FileChange> changes = DistDiff.compare(output, folder);

    assertThat(changes)
        .extracting(DistDiff.FileChange::path, DistDiff.FileChange::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("backend.yaml", DistDiff.Kind.CHANGED),
            org.assertj.core.groups.Tuple.tuple("compose/compose.yaml", DistDiff.Kind.MISSING),
            org.assertj.core.groups.Tuple.tuple("stale.yaml", DistDiff.Kind.EXTRA));
    assertThat(changes.get(0).diff())
        .isEqualTo(
            "--- a/dist/prod/backend.yaml\n+++ b/dist/prod/backend.yaml\n@@ -1,3 +1,3 @@\n"
                + " kind: Deployment\n-replicas: 2\n+replicas: 3\n name: b\n");
    assertThat(changes.get(1).diff())
        .startsWith("--- /dev/null\n+++ b/dist/prod/compose/compose.yaml\n")
        .contains("+name: shop-prod");
    assertThat(changes.get(2).diff())
        .startsWith("--- a/dist/prod/stale.yaml\n+++ /dev/null\n")
        .contains("-kind: Old");
  }

  @Test
  void identicalFoldersHaveNoChanges() throws IOException {
    Files.writeString(folder.resolve("a.yaml"), "a: 1\n");
    SynthOutput output = new SynthOutput("dev", 0, 0);
    output.add("a.yaml", "a: 1\n");

    assertThat(DistDiff.compare(output, folder)).isEmpty();
  }

  @Test
  void aDifferenceInLineEndingsAloneIsStillReported() throws IOException {
    Files.writeString(folder.resolve("a.yaml"), "a: 1\r\n");
    SynthOutput output = new SynthOutput("dev", 0, 0);
    output.add("a.yaml", "a: 1\n");

    assertThat(DistDiff.compare(output, folder))
        .singleElement()
        .satisfies(c -> assertThat(c.diff()).contains("line endings"));
  }

  @Test
  void aFileTooDifferentToDiffLineByLineIsSaidSoInsteadOfHanging() throws IOException {
    // A pull request's file in dist/ with 200,000 new lines: a line diff would take hours.
    StringBuilder grown = new StringBuilder("kind: Deployment\nspec:\n");
    for (int i = 0; i < 200_000; i++) {
      grown.append("  x").append(i).append(": y\n");
    }
    Files.writeString(folder.resolve("backend.yaml"), grown.toString());
    SynthOutput output = new SynthOutput("prod", 0, 0);
    output.add("backend.yaml", "kind: Deployment\nspec: {}\n");

    assertThat(DistDiff.changedPaths(output, folder)).containsExactly("backend.yaml");
    assertThat(DistDiff.compare(output, folder).get(0).diff())
        .contains("(too different to show line by line: 200002 lines before, 2 after");
    assertThat(
            ObjectDiff.compare(
                "dist/prod/", DistInput.read(folder), DistWriter.asComparable(output.files())))
        .singleElement()
        .satisfies(
            change -> assertThat(change.objects().get(0).diff()).contains("too different to show"));
  }

  @Test
  void smallChangesInALargeFileAreStillShownLineByLine() {
    List<String> before = new java.util.ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      before.add("line " + i);
    }
    List<String> after = new java.util.ArrayList<>(before);
    after.set(10_000, "changed");

    assertThat(DistDiff.tooCostly(before, after)).isFalse();
  }
}
