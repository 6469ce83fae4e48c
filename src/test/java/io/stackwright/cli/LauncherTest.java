package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged CLI's launcher, src/main/launcher/stackwright, with a stand-in for java. */
class LauncherTest {
  @TempDir Path tmp;

  /**
   * A relative link reached through a linked folder: bin/sw -> ../alias/lnk, alias -> real/pkg,
   * real/pkg/lnk -> ../pkg/stackwright. Its text joined to the link's folder, alias/../pkg, is
   * real/pkg to the kernel, but tmp/pkg to a cd that resolves '..' by name; a folder of that name
   * exists, so a logical cd goes there in every shell (dash fails without it, bash falls back).
   */
  @Test
  void findsItsJarThroughARelativeLinkInALinkedFolder() throws Exception {
    Path pkg = Files.createDirectories(tmp.resolve("real/pkg"));
    Path script = pkg.resolve("stackwright");
    Files.copy(Path.of("src/main/launcher/stackwright"), script);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path java = Files.createDirectories(tmp.resolve("jdk/bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\nfor a; do printf '%s\\n' \"$a\"; done\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(tmp.resolve("alias"), Path.of("real/pkg"));
    Files.createSymbolicLink(pkg.resolve("lnk"), Path.of("../pkg/stackwright"));
    Files.createSymbolicLink(
        Files.createDirectories(tmp.resolve("bin")).resolve("sw"), Path.of("../alias/lnk"));
    Files.createDirectories(tmp.resolve("pkg"));

    List<String> shells = new ArrayList<>();
    for (String shell : List.of("/bin/sh", "/bin/dash", "/bin/bash")) {
      if (Files.isExecutable(Path.of(shell))) {
        shells.add(shell);
      }
    }
    assumeTrue(!shells.isEmpty());
    for (String shell : shells) {
      ProcessBuilder builder =
          new ProcessBuilder(shell, "bin/sw", "--help").directory(tmp.toFile());
      builder.environment().put("JAVA_HOME", tmp.resolve("jdk").toString());
      builder.environment().put("CDPATH", "/tmp:.");
      Process process = builder.redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

      List<String> args = output.lines().toList();
      assertThat(args).as(shell + ": " + output).contains("-jar");
      Path jar = Path.of(args.get(args.indexOf("-jar") + 1));
      assertThat(jar.getParent()).as(shell).isEqualTo(pkg.toRealPath());
      assertThat(args.get(args.size() - 1)).isEqualTo("--help");
    }
  }
}
