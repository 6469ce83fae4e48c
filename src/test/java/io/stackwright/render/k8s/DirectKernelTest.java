package io.stackwright.render.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwright.testing.ChildJvm;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jsii kernel runs as the JVM's one Node.js child, and its protocol stays clean. */
class DirectKernelTest {
  @TempDir Path dir;

  @Test
  void theKernelIsOneNodeProcessTheJvmStartedItself() {
    JsiiKernel.awaitStart();

    assertThat(JsiiKernel.direct()).as("node is on PATH and JSII_RUNTIME is not set").isTrue();
    List<ProcessHandle> kernels =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().commandLine().orElse("").contains(DirectKernel.LAUNCHER))
            .toList();
    assertThat(kernels).hasSize(1);
    assertThat(kernels.get(0).children().toList()).as("no relay, no second Node.js").isEmpty();
    assertThat(kernels.get(0).info().command().orElse("")).endsWith("node");
  }

  @Test
  void theLauncherAnswersOnStandardOutputAndWrapsAnythingElseWrittenThere() throws Exception {
    Path launcher = dir.resolve(DirectKernel.LAUNCHER);
    try (InputStream in = DirectKernel.class.getResourceAsStream(DirectKernel.LAUNCHER)) {
      Files.copy(in, launcher);
    }
    // A stand-in for the kernel: reads one request from fd 3, prints to stdout as user code would,
    // and answers on fd 3, as the jsii kernel does.
    Path program = dir.resolve("it's a kernel.js");
    Files.writeString(
        program,
        """
        const fs = require('fs');
        const buffer = Buffer.alloc(64);
        const read = fs.readSync(3, buffer, 0, 64, null);
        console.log('user output');
        fs.writeSync(3, '{"ok":"' + buffer.slice(0, read).toString().trim() + '"}\\n');
        """);
    String node = DirectKernel.node(System.getenv());
    assertThat(node).isNotNull();

    Process process =
        new ProcessBuilder("/bin/sh", "-c", DirectKernel.command(node, launcher, program)).start();
    process.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(err).isZero();
    assertThat(out).isEqualTo("{\"ok\":\"ping\"}\n");
    String encoded =
        Base64.getEncoder().encodeToString("user output\n".getBytes(StandardCharsets.UTF_8));
    assertThat(err).isEqualTo("{\"stdout\":\"" + encoded + "\"}\n");
  }

  @Test
  void nodeIsJsiiNodeAsTheRuntimeReadsItElseTheOneOnPath() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path node = Files.createFile(bin.resolve("node"));
    node.toFile().setExecutable(true);
    String path = dir.resolve("empty") + File.pathSeparator + bin;

    assertThat(DirectKernel.node(Map.of("PATH", path))).isEqualTo("'" + node + "'");
    assertThat(DirectKernel.node(Map.of("PATH", path, "JSII_NODE", "")))
        .isEqualTo("'" + node + "'");
    assertThat(DirectKernel.node(Map.of("PATH", path, "JSII_NODE", "/opt/node 22/node")))
        .as("white space: shell words, as the jsii runtime takes them")
        .isEqualTo("/opt/node 22/node");
    assertThat(DirectKernel.node(Map.of("JSII_NODE", "/opt/node22/node")))
        .isEqualTo("'/opt/node22/node'");
    assertThat(DirectKernel.node(Map.of("PATH", dir.resolve("empty").toString()))).isNull();
    assertThat(DirectKernel.node(Map.of())).isNull();
  }

  @Test
  void aJvmThatExitsBeforeTheKernelHasReadItsScriptsLeavesThemNotBehind() throws Exception {
    Path temp = Files.createDirectories(dir.resolve("tmp"));
    String output = ChildJvm.run(temp, InstallAndExit.class);

    assertThat(output).startsWith("installed");
    try (var left = Files.list(temp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("stackwright-jsii"));
    }
  }

  @Test
  void aUserChosenRuntimeIsLeftAlone() {
    assertThat(DirectKernel.install(Map.of("JSII_RUNTIME", "node my-runtime.js"))).isNull();
  }

  @Test
  void quotingKeepsEveryCharacterOfAPath() throws Exception {
    Path odd = dir.resolve("a'b $c");
    Files.writeString(odd, "x");
    Process process =
        new ProcessBuilder("/bin/sh", "-c", "cat " + DirectKernel.quote(odd.toString())).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("x");
    assertThat(Optional.of(process.exitValue())).contains(0);
  }
}
