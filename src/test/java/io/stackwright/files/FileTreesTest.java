package io.stackwright.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {
  @TempDir Path temp;

  @Test
  void deletesAFolderWithEverythingUnderIt() throws IOException {
    Path root = temp.resolve("root");
    Files.createDirectories(root.resolve("a/b"));
    Files.writeString(root.resolve("a/b/file"), "x");
    Files.writeString(root.resolve("top"), "y");

    FileTrees.delete(root);

    assertThat(root).doesNotExist();
  }

  @Test
  void aLinkIsDeletedNeverFollowed() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("kept"), "keep me");
    Path root = Files.createDirectories(temp.resolve("root"));
    Files.createSymbolicLink(root.resolve("to-folder"), outside);
    Files.createSymbolicLink(root.resolve("to-file"), outside.resolve("kept"));
    Path linkRoot = Files.createSymbolicLink(temp.resolve("link-root"), outside);

    FileTrees.delete(root);
    FileTrees.delete(linkRoot);

    assertThat(root).doesNotExist();
    assertThat(Files.exists(linkRoot, LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(outside.resolve("kept")).hasContent("keep me");
  }

  @Test
  void nothingThereIsAlreadyDeleted() {
    assertThatCode(() -> FileTrees.delete(temp.resolve("missing"))).doesNotThrowAnyException();
    assertThatCode(() -> FileTrees.deleteQuietly(null)).doesNotThrowAnyException();
  }

  @Test
  void aFailureStopsTheDeletionAndIsThrownButNotByTheQuietOne() throws IOException {
    // A "folder" below a plain file cannot be read: the walk fails there.
    Path file = Files.writeString(temp.resolve("file"), "x");
    Path below = file.resolve("below");

    assertThatCode(() -> FileTrees.delete(below)).isInstanceOf(IOException.class);
    assertThatCode(() -> FileTrees.deleteQuietly(below)).doesNotThrowAnyException();
  }
}
