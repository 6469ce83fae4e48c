package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempLeftoversTest {
  @TempDir Path tmp;
  private final Instant now = Instant.parse("2026-11-22T12:00:00Z");

  private Path runtimeDir(String name, Instant modified, boolean withFile) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String sub : new String[] {"bin", "lib"}) {
      Path child = Files.createDirectories(dir.resolve(sub));
      if (withFile && sub.equals("lib")) {
        Files.writeString(child.resolve("program.js"), "// running");
      }
      Files.setLastModifiedTime(child, FileTime.from(modified));
    }
    Files.setLastModifiedTime(dir, FileTime.from(modified));
    return dir;
  }

  @Test
  void removesOnlyOldEmptyRuntimeFolders() throws IOException {
    Path leftover = runtimeDir("jsii-java-runtime1", now.minusSeconds(3600), false);
    Path running = runtimeDir("jsii-java-runtime2", now.minusSeconds(3600), true);
    Path justCreated = runtimeDir("jsii-java-runtime3", now.minusSeconds(5), false);
    Path unrelated = runtimeDir("something-else", now.minusSeconds(3600), false);

    assertThat(TempLeftovers.sweep(tmp, now)).isEqualTo(1);

    assertThat(leftover).doesNotExist();
    assertThat(running).exists();
    assertThat(justCreated).exists();
    assertThat(unrelated).exists();
  }

  @Test
  void removesTheToolsOwnFoldersOnlyOnceNothingInThemChangedForAnHour() throws IOException {
    Instant old = now.minus(TempLeftovers.OWN_MIN_AGE).minusSeconds(60);
    Path killedCheck = ownDir("stackwright-validate1", old, old);
    Path running = ownDir("stackwright-validate3", now.minusSeconds(5), now.minusSeconds(5));
    Path fileJustWritten = ownDir("stackwright-validate4", old, now.minusSeconds(5));
    Path elsewhere = ownDir("elsewhere", old, old);
    Path link = tmp.resolve("stackwright-validate5");
    Files.createSymbolicLink(link, elsewhere);

    assertThat(TempLeftovers.sweep(tmp, now)).isEqualTo(1);

    assertThat(killedCheck).doesNotExist();
    assertThat(running).exists();
    assertThat(fileJustWritten.resolve("qa/compose/compose.yaml")).exists();
    // A link is not followed out of the temp folder.
    assertThat(elsewhere.resolve("qa/compose/compose.yaml")).exists();
  }

  /** A folder as a synth leaves it: a file two folders down, with the times given. */
  private Path ownDir(String name, Instant folders, Instant file) throws IOException {
    Path dir = tmp.resolve(name);
    Path compose = Files.createDirectories(dir.resolve("qa/compose")).resolve("compose.yaml");
    Files.writeString(compose, "services: {}\n");
    Files.setLastModifiedTime(compose, FileTime.from(file));
    for (Path folder : new Path[] {dir.resolve("qa/compose"), dir.resolve("qa"), dir}) {
      Files.setLastModifiedTime(folder, FileTime.from(folders));
    }
    return dir;
  }

  @Test
  void aMissingTempFolderIsNotAnError() {
    assertThat(TempLeftovers.sweep(tmp.resolve("absent"), now)).isZero();
  }
}
