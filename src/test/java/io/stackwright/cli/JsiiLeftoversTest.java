package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsiiLeftoversTest {
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

    assertThat(JsiiLeftovers.sweep(tmp, now)).isEqualTo(1);

    assertThat(leftover).doesNotExist();
    assertThat(running).exists();
    assertThat(justCreated).exists();
    assertThat(unrelated).exists();
  }

  @Test
  void aMissingTempFolderIsNotAnError() {
    assertThat(JsiiLeftovers.sweep(tmp.resolve("absent"), now)).isZero();
  }
}
