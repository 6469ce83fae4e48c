package io.stackwright.synth.uptodate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationMode;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The code's digest follows the classes' content, wherever they are loaded from. */
class UpToDateCodeTest {
  @TempDir Path dir;

  private static final Map<String, String> FILES =
      Map.of("io/example/Stack.class", "class bytes", "io/example/config.txt", "a resource");

  @Test
  void theSameClassesInAFolderOrInAJarHaveOneDigest() throws IOException {
    Path classes = folder("classes", FILES);
    Path jar = jar("stack.jar", FILES);

    assertThat(CodeDigest.of(Set.of(jar))).isEqualTo(CodeDigest.of(Set.of(classes)));
  }

  @Test
  void aChangedRenamedOrAddedClassChangesTheDigestATouchDoesNot() throws IOException {
    Path classes = folder("classes", FILES);
    String digest = CodeDigest.of(Set.of(classes));

    Files.setLastModifiedTime(
        classes.resolve("io/example/Stack.class"),
        FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(CodeDigest.of(Set.of(classes))).as("touched").isEqualTo(digest);

    Files.writeString(classes.resolve("io/example/Stack.class"), "class bytez");
    String changed = CodeDigest.of(Set.of(classes));
    assertThat(changed).isNotEqualTo(digest);

    Files.move(classes.resolve("io/example/config.txt"), classes.resolve("io/example/config2.txt"));
    assertThat(CodeDigest.of(Set.of(classes))).isNotEqualTo(changed);

    Path other = folder("other", Map.of("io/example/Extra.class", "more"));
    Set<Path> both = new LinkedHashSet<>(List.of(classes, other));
    assertThat(CodeDigest.of(both)).isNotEqualTo(CodeDigest.of(Set.of(classes)));
  }

  @Test
  void aClassFolderReachedThroughALinkIsDigestedAsTheFolderItself() throws IOException {
    Path classes = folder("classes", FILES);
    Path link = Files.createSymbolicLink(dir.resolve("classes-link"), classes);
    String digest = CodeDigest.of(Set.of(link));

    // A walk does not follow a link, even at its start: without following this one, no class
    // would be digested and a change to one would go unseen.
    assertThat(digest).isEqualTo(CodeDigest.of(Set.of(classes)));
    Files.writeString(classes.resolve("io/example/Stack.class"), "class bytez");
    assertThat(CodeDigest.of(Set.of(link))).isNotEqualTo(digest);
  }

  @Test
  void aSchemaFolderReachedThroughALinkIsListedFileByFile() throws IOException {
    Path schemas = folder("schemas", Map.of("v1/pod.json", "{}"));
    Path link = Files.createSymbolicLink(dir.resolve("schemas-link"), schemas);

    String context =
        SharedInputs.of(
            ValidationMode.AUTO,
            new Tools(null, link, List.of()),
            getClass().getClassLoader(),
            Map.of());

    assertThat(context).containsPattern("(?m)^v1/pod.json 2 ");
  }

  @Test
  void whichOfTwoCopiesOfAClassComesFirstOnTheClassPathIsPartOfTheDigest() throws IOException {
    Path older = jar("older.jar", Map.of("io/example/Stack.class", "version 1"));
    Path newer = jar("newer.jar", Map.of("io/example/Stack.class", "version 2"));

    // The class loader takes the first copy: reordering the class path changes the code run.
    assertThat(CodeDigest.of(new LinkedHashSet<>(List.of(older, newer))))
        .isNotEqualTo(CodeDigest.of(new LinkedHashSet<>(List.of(newer, older))));
  }

  @Test
  void aStackLoadedByItsOwnClassLoaderIsItsUrlsNotTheHostsClassPath() throws IOException {
    Path classes = folder("classes", FILES);
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
      assertThat(ClassPath.of(loader)).containsExactly(classes);
    }
  }

  @Test
  void aStackLoadedByItsOwnClassLoaderAlsoSeesTheClassPathOfTheParentItDelegatesTo()
      throws IOException {
    Path classes = folder("classes", FILES);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
      // The renderers and the gate the stack runs with may come from the application class path.
      Path host = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]);
      assertThat(ClassPath.of(loader)).contains(classes, host);
    }
  }

  @Test
  void aJarsManifestClassPathIsFollowed() throws IOException {
    Path lib = jar("lib/dep.jar", Map.of("dep/Dep.class", "dep"));
    Path app = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/dep.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(app), manifest)) {
      out.putNextEntry(new JarEntry("App.class"));
      out.write(1);
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {app.toUri().toURL()}, null)) {
      assertThat(ClassPath.of(loader)).containsExactly(app, lib);
    }
  }

  @Test
  void aSubfolderThatCannotBeOpenedHidesOnlyItselfFromTheDigest() throws IOException {
    Path unreadable = unopenableFolder();
    Tools tools = new Tools(null, unreadable.getParent(), List.of());
    try {
      String context =
          SharedInputs.of(ValidationMode.AUTO, tools, getClass().getClassLoader(), Map.of());

      // Named, and the walk went on past it to what sorts after it: a change there still shows.
      assertThat(context).contains("unreadable " + unreadable);
      assertThat(context).containsPattern("(?m)^" + AFTER_LOCKED + " ");
      UpToDate record =
          UpToDate.load(
              dir,
              dir.resolve("dist"),
              ValidationMode.AUTO,
              tools,
              getClass().getClassLoader(),
              Map.of());
      assertThat(record.enabled()).isTrue();
    } finally {
      // So that the temporary folder can be deleted.
      Files.setPosixFilePermissions(
          dir.resolve("schemas/locked"), PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * A file beside the folder {@link #unopenableFolder} returns that sorts after it: made in the
   * temporary folder, and one every process has under {@code /proc}.
   */
  private static final String AFTER_LOCKED = "mountinfo";

  /**
   * A folder whose listing is refused. A folder without permissions serves when the tests do not
   * run as root; as root, a process's {@code map_files}, which the kernel refuses to list without a
   * privilege a container's root lacks.
   */
  private Path unopenableFolder() throws IOException {
    Path locked = dir.resolve("schemas/locked");
    Files.createDirectories(locked);
    Files.writeString(locked.resolve("schema.json"), "{}");
    Files.writeString(dir.resolve("schemas").resolve(AFTER_LOCKED), "{}");
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    for (Path candidate : List.of(locked, Path.of("/proc/1/map_files"))) {
      try (Stream<Path> files = Files.list(candidate)) {
        files.count();
      } catch (AccessDeniedException e) {
        return candidate;
      } catch (UncheckedIOException e) {
        // The kernel may refuse at the first read rather than at the opening.
        if (e.getCause() instanceof AccessDeniedException) {
          return candidate;
        }
      } catch (IOException e) {
        // Not there: try the next.
      }
    }
    assumeTrue(false, "no folder here refuses to be listed");
    return locked;
  }

  private Path folder(String name, Map<String, String> files) throws IOException {
    Path root = dir.resolve(name);
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return root;
  }

  private Path jar(String name, Map<String, String> files) throws IOException {
    Path jar = dir.resolve(name);
    Files.createDirectories(jar.getParent());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.putNextEntry(new JarEntry("META-INF/maven/io.example/stack/pom.properties"));
      out.write("version=1\n".getBytes(StandardCharsets.UTF_8));
      for (Map.Entry<String, String> entry : files.entrySet()) {
        out.putNextEntry(new JarEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return jar;
  }
}
