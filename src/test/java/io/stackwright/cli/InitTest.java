package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.stack.StackDefinition;
import io.stackwright.testing.DistSnapshot;
import io.stackwright.validate.InstalledTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stackwright init}: a new project whose stack compiles, whose {@code dist/} is written at
 * once and passes every validation layer, and which never writes over anything.
 */
class InitTest {
  @TempDir Path parent;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err), name -> null);
  }

  @Test
  void aNewProjectsDistIsWrittenAtOnceAndPassesEveryLayerStrictly() throws Exception {
    InstalledTools.requireAllPrograms();
    Path project = parent.resolve("acme-shop");

    int code = run("init", project.toString(), "--package", "com.acme.shop");

    assertThat(code).as(err.toString()).isZero();
    assertThat(project.resolve("src/main/java/com/acme/shop/AcmeShopStack.java")).isRegularFile();
    assertThat(project.resolve("src/test/java/com/acme/shop/AcmeShopStackTest.java"))
        .isRegularFile();
    assertThat(Files.readString(project.resolve("pom.xml")))
        .contains("<mainClass>com.acme.shop.AcmeShopStack</mainClass>")
        .contains("<argument>${cmd}</argument>")
        .contains("<groupId>com.acme.shop</groupId>");
    for (String env : new String[] {"dev", "staging", "prod"}) {
      assertThat(project.resolve("dist").resolve(env).resolve("compose/compose.yaml"))
          .isRegularFile();
    }
    // The tools of this build, as the project's own .tools/ would hold them.
    Files.createSymbolicLink(
        project.resolve(".tools"), InstalledTools.PROJECT.resolve(".tools").toAbsolutePath());
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {project.resolve("target/classes").toUri().toURL()},
            getClass().getClassLoader())) {
      StackDefinition<?> stack =
          (StackDefinition<?>)
              loader.loadClass("com.acme.shop.AcmeShopStack").getConstructor().newInstance();
      DistSnapshot.assertCurrent(stack, project);
    }
  }

  @Test
  void aFolderThatHoldsAnythingIsRefusedAndLeftAsItWas() throws Exception {
    Path project = Files.createDirectories(parent.resolve("team"));
    Files.writeString(project.resolve("notes.txt"), "mine\n");

    int code = run("init", project.toString());

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("is not empty").contains("nothing was written");
    try (Stream<Path> entries = Files.list(project)) {
      assertThat(entries).containsExactly(project.resolve("notes.txt"));
    }
    assertThat(Files.readString(project.resolve("notes.txt"))).isEqualTo("mine\n");
  }

  @Test
  void aNameThatCannotPrefixANamespaceIsRefusedBeforeAnythingIsWritten() {
    Path project = parent.resolve("Team_Stack");

    int code = run("init", project.toString());

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("'Team_Stack'").contains("--name");
    assertThat(project).doesNotExist();
  }

  @Test
  void aPackageThatIsNotJavaIsRefused() {
    int code = run("init", parent.resolve("team").toString(), "--package", "com.acme.class");

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("'com.acme.class' is not a Java package name");
    assertThat(parent.resolve("team")).doesNotExist();
  }

  @Test
  void aPathThroughDotDotOfAMissingFolderIsRefusedAndNothingIsMade() {
    int code = run("init", parent.resolve("missing/../team").toString());

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("goes through '..' of a folder that does not exist");
    assertThat(parent.resolve("team")).doesNotExist();
    assertThat(parent.resolve("missing")).doesNotExist();
  }

  @Test
  void aNameGivenReplacesAFolderNameThatIsNotOne() throws Exception {
    InstalledTools.requireAllPrograms();
    Path project = parent.resolve("My Stack");

    int code = run("init", project.toString(), "--name", "my-stack");

    assertThat(code).as(err.toString()).isZero();
    assertThat(project.resolve("src/main/java/com/example/mystack/MyStackStack.java"))
        .isRegularFile();
  }

  @Test
  void aFolderUnderAFileIsBadInputAndNothingIsLeft() throws Exception {
    Path file = Files.writeString(parent.resolve("notes"), "mine\n");

    int code = run("init", file.resolve("team").toString());

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("cannot write the project: ").contains("Not a directory");
    assertThat(Files.readString(file)).isEqualTo("mine\n");
  }

  @Test
  void aLinkIsRefusedAndWhatItPointsToIsLeftAlone() throws Exception {
    Path real = Files.createDirectories(parent.resolve("real"));
    Path link = Files.createSymbolicLink(parent.resolve("link"), real);

    int code = run("init", link.toString());

    assertThat(code).isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("is a symbolic link");
    try (Stream<Path> entries = Files.list(real)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void theJdksPackagesAndDotDotGroupIdsAreRefused() {
    assertThat(run("init", parent.resolve("a").toString(), "--package", "java.lang"))
        .isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("'java.lang' is the JDK's own package");
    assertThat(run("init", parent.resolve("b").toString(), "--group-id", ".."))
        .isEqualTo(Main.BAD_INPUT);
    assertThat(err.toString()).contains("'..' is not a Maven group id");
    assertThat(parent.resolve("a")).doesNotExist();
    assertThat(parent.resolve("b")).doesNotExist();
  }

  @Test
  void aFreshCloneHoldingOnlyGitIsWrittenInto() throws Exception {
    InstalledTools.requireAllPrograms();
    Path project = Files.createDirectories(parent.resolve("new/.git")).getParent();
    Files.writeString(project.resolve(".git/HEAD"), "ref: refs/heads/main\n");

    int code = run("init", project.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(project.resolve("src/main/java/com/example/new_/NewStack.java")).isRegularFile();
    assertThat(Files.readString(project.resolve(".git/HEAD"))).isEqualTo("ref: refs/heads/main\n");
  }
}
