package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a synth reads back from {@code dist/} is never read through a link, from a pipe, or from a
 * name that could forge a line of output.
 */
class DistInputTest {
  @TempDir Path root;
  private Path prod;
  private Path secret;

  @BeforeEach
  void layOut() throws IOException {
    prod = Files.createDirectories(root.resolve("dist/prod"));
    Files.createDirectories(prod.resolve("compose"));
    Files.writeString(prod.resolve("compose/a.yaml"), "a: 1\n");
    secret = root.resolve("id_rsa");
    Files.writeString(secret, "-----BEGIN OPENSSH PRIVATE KEY-----\n");
  }

  @Test
  void readsPlainFilesByRelativePath() throws IOException {
    assertThat(DistInput.read(root.resolve("dist/prod"))).containsOnlyKeys("compose/a.yaml");
    assertThat(DistInput.read(root.resolve("dist/none"))).isEmpty();
  }

  @Test
  void aLinkToAFileIsRefusedAndNeverRead() throws IOException {
    Path link = prod.resolve("b.yaml");
    Files.createSymbolicLink(link, secret);

    assertThatThrownBy(() -> DistInput.read(root.resolve("dist/prod")))
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining(link + " is a symbolic link")
        .hasMessageNotContaining("PRIVATE KEY");
    assertThatThrownBy(() -> DistInput.wrongModes(root.resolve("dist/prod")))
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThatThrownBy(() -> DistInput.readFile(link))
        .isInstanceOf(DistInput.UntrustedException.class);
  }

  @Test
  void aLinkedEnvironmentFolderIsRefused() throws IOException {
    Path link = root.resolve("dist/staging");
    Files.createSymbolicLink(link, prod);

    assertThatThrownBy(() -> DistInput.read(link)).isInstanceOf(DistInput.UntrustedException.class);
  }

  @Test
  void aPipeIsRefusedRatherThanWaitedOn() throws Exception {
    Path pipe = prod.resolve("c.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> DistInput.read(root.resolve("dist/prod")))
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("neither a plain file nor a folder");
  }

  @Test
  void aNameWithAControlCharacterIsRefusedAndShownEscaped() throws IOException {
    Files.writeString(prod.resolve("x\nprod: wrote dist-prod\u001b[8m"), "x\n");

    assertThatThrownBy(() -> DistInput.read(root.resolve("dist/prod")))
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("x\\nprod: wrote dist-prod\\u001B[8m")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("\u001b");
  }

  @Test
  void aFileOfAnotherKindWhereAFileIsWrittenIsRefused() throws IOException {
    Path folder = Files.createDirectories(root.resolve("dist/ENVIRONMENTS.md"));

    assertThatThrownBy(() -> DistInput.readFile(folder))
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("is a folder");
    assertThat(DistInput.readFile(root.resolve("dist/NONE.md"))).isNull();
  }

  @Test
  void aFolderLargerThanAnyOutputIsRefusedBeforeItIsRead() throws IOException {
    // Sparse files: git stores identical large files once, so a pull request can bring many.
    for (int i = 0; i < 5; i++) {
      try (java.io.RandomAccessFile file =
          new java.io.RandomAccessFile(prod.resolve("pad" + i + ".txt").toFile(), "rw")) {
        file.setLength(60L << 20);
      }
    }

    assertThatThrownBy(() -> DistInput.read(root.resolve("dist/prod")))
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("holds more than any environment's output");
  }

  @Test
  void aFolderNameWithANewlineIsRefused() throws IOException {
    Files.createDirectories(prod.resolve("x\nprod: wrote dist-prod"));

    assertThatThrownBy(() -> DistInput.read(root.resolve("dist/prod")))
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("x\\nprod: wrote dist-prod");
  }
}
