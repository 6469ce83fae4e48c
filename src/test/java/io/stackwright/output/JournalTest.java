package io.stackwright.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repair journal is input: {@code dist/} is committed, so a pull request can put a journal
 * there, and the next synth acts on it before anything else. Only lines a writer produces are acted
 * on; anything else refuses the journal and touches nothing, here or anywhere.
 */
class JournalTest {
  @TempDir Path root;
  private Path project;
  private Path dist;
  private Path victim;

  @BeforeEach
  void layOut() throws IOException {
    project = Files.createDirectories(root.resolve("project"));
    dist = Files.createDirectories(project.resolve("dist"));
    victim = Files.createDirectories(root.resolve("victim/sub"));
    Files.writeString(victim.resolve("f"), "precious\n");
    Files.createDirectories(project.resolve("environments"));
    Files.writeString(project.resolve("environments/prod.yaml"), "backend: {}\n");
    new DistWriter(dist)
        .write(
            List.of(output("prod", "a.yaml", "a: 1\n")),
            Map.of("ENVIRONMENTS.md", "# e\n".getBytes(StandardCharsets.UTF_8)),
            name -> false);
  }

  private static SynthOutput output(String env, String file, String content) {
    SynthOutput output = new SynthOutput(env, 0, 0);
    output.add(file, content);
    return output;
  }

  /** Every file under the temporary root, outside and inside the project. */
  private SortedMap<String, String> everything() throws IOException {
    SortedMap<String, String> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        files.put(
            root.relativize(path).toString(),
            Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.ISO_8859_1) : "/");
      }
    }
    return files;
  }

  static Stream<String> hostileJournals() {
    return Stream.of(
        "create VICTIM\n",
        "create ../environments\n",
        "replace ../environments\n",
        "remove ../environments\n",
        "replace ../.git/hooks\n",
        "create /etc\n",
        "create .\n",
        "create ..\n",
        "create prod/compose\n",
        "create .prod.old\n",
        "create Prod\n",
        "remove ENVIRONMENTS.md\n",
        "delete prod\n",
        "create  prod\n",
        "create prod \n",
        "create prod\r\n",
        "create prod\ncreate prod\n",
        "create prod",
        "\n",
        "create prod\n\n",
        "create\n",
        "");
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("hostileJournals")
  void anUncommittedJournalThatNoWriterWritesIsRefusedAndNothingIsTouched(String journal)
      throws IOException {
    Files.writeString(
        dist.resolve(".swap"), journal.replace("VICTIM", victim.getParent().toString()));
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining(dist.resolve(".swap").toString())
        .hasMessageContaining("nothing was touched")
        .hasMessageContaining("delete");
    assertThat(everything()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("hostileJournals")
  void aCommittedJournalThatNoWriterWritesIsRefusedAndNothingIsTouched(String journal)
      throws IOException {
    Files.writeString(
        dist.resolve(".swap.done"), journal.replace("VICTIM", victim.getParent().toString()));
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThatThrownBy(() -> new DistWriter(dist).needsRecovery())
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aJournalThatIsNotUtf8IsRefused() throws IOException {
    Files.write(dist.resolve(".swap"), new byte[] {'c', 'r', 'e', 'a', 't', 'e', ' ', (byte) 0xff});
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("not UTF-8");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aJournalThatIsALinkIsRefusedAndItsTargetKept() throws IOException {
    Path elsewhere = root.resolve("journal");
    Files.writeString(elsewhere, "create prod\n");
    Files.createSymbolicLink(dist.resolve(".swap"), elsewhere);
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aFolderSetAsideThatIsALinkIsNeverMovedIntoPlace() throws IOException {
    // A well-formed journal whose set-aside folder is a link to a folder outside the project:
    // undoing it would make dist/prod that link, and the next write would delete through it.
    Files.writeString(dist.resolve(".swap"), "replace prod\n");
    Files.createSymbolicLink(dist.resolve(".prod.old"), victim.getParent());
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining(".prod.old is a symbolic link");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aLinkWithoutAJournalIsNeverMovedIntoPlace() throws IOException {
    Path project2 = Files.createDirectories(root.resolve("other"));
    Path dist2 = Files.createDirectories(project2.resolve("dist"));
    Files.createSymbolicLink(dist2.resolve(".qa.old"), victim.getParent());
    Files.writeString(dist2.resolve(".lock"), "");
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist2).recover())
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aDistThatIsALinkIsNeitherRepairedNorWritten() throws IOException {
    Path linked = project.resolve("linked");
    Files.createSymbolicLink(linked, victim.getParent());
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(linked).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("is a symbolic link");
    assertThatThrownBy(
            () ->
                new DistWriter(linked).write(List.of(output("sub", "a.yaml", "a\n")), name -> true))
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aLockThatIsALinkIsNotFollowed() throws IOException {
    Path target = root.resolve("created-through-the-lock");
    Files.delete(dist.resolve(".lock"));
    Files.createSymbolicLink(dist.resolve(".lock"), target);

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class);
    assertThat(target).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {".Notes.tmp", ".Cache.old", ".x y.tmp"})
  void hiddenFilesNoSynthWritesAreLeftAlone(String name) throws IOException {
    Files.writeString(dist.resolve(name), "mine\n");

    new DistWriter(dist).recover();

    assertThat(dist.resolve(name)).hasContent("mine");
  }

  @ParameterizedTest
  @ValueSource(strings = {".qa.old", ".ENVIRONMENTS.md.old"})
  void somethingSetAsideThatNoSynthSetsAsideIsRefused(String name) throws IOException {
    // A plain file where only a run from before journals left an environment's folder: moving it
    // into place would break the next transaction half-way.
    Files.writeString(dist.resolve(name), "x\n");
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining(name + " is set aside as no synth sets anything aside");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void bothJournalsAtOnceAreRefused() throws IOException {
    Files.writeString(dist.resolve(".swap"), "create prod\n");
    Files.writeString(dist.resolve(".swap.done"), "replace prod\n");
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("both exist");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aFolderSetAsideWithALinkInsideIsCheckedBeforeItIsMovedIntoPlace() throws IOException {
    Files.writeString(dist.resolve(".swap"), "replace prod\n");
    Files.createDirectories(dist.resolve(".prod.old"));
    Files.createSymbolicLink(dist.resolve(".prod.old/a.yaml"), victim.resolve("f"));
    SortedMap<String, String> before = everything();

    assertThatThrownBy(() -> new DistWriter(dist).recover())
        .isInstanceOf(DistInput.UntrustedException.class)
        .hasMessageContaining("a.yaml is a symbolic link");
    assertThat(everything()).isEqualTo(before);
  }

  @Test
  void aRepairSaysWhatItDid() throws IOException {
    Files.createDirectories(dist.resolve("qa"));
    Files.writeString(dist.resolve(".swap"), "create qa\n");

    assertThat(new DistWriter(dist).recover())
        .containsExactly("removed dist/qa, which an interrupted synth had created");
  }

  @Test
  void whatAWriterWritesIsStillRepaired() throws IOException {
    // A kill after the swap of a new environment, before the commit: the undo removes it.
    Files.createDirectories(dist.resolve("qa"));
    Files.writeString(dist.resolve("qa/a.yaml"), "new\n");
    Files.writeString(dist.resolve(".swap"), "create qa\nreplace ENVIRONMENTS.md\n");
    Files.writeString(dist.resolve(".ENVIRONMENTS.md.old"), "# old\n");

    new DistWriter(dist).recover();

    assertThat(dist.resolve("qa")).doesNotExist();
    assertThat(dist.resolve("ENVIRONMENTS.md")).hasContent("# old");
    assertThat(dist.resolve(".swap")).doesNotExist();
  }
}
