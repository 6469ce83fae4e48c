package io.stackwright.validate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which programs the control-plane tests take, with fake ones that only tell their version. */
class ControlPlaneToolsTest {
  @TempDir Path folder;

  @Test
  void aKubectlOnPathWithinOneMinorIsTakenBeforeTheBuiltOne() throws IOException {
    Path path = fakeKubectl(folder.resolve("path"), "32+");
    Path built = fakeKubectl(folder.resolve(".tools/control-plane/bin"), "33");

    assertThat(
            ControlPlaneTools.locate(folder, Map.<String, String>of()::get, path.toString())
                .kubectl())
        .isEqualTo(path.resolve("kubectl"));
    assertThat(ControlPlaneTools.locate(folder, Map.<String, String>of()::get, "").kubectl())
        .isEqualTo(built.resolve("kubectl"));
  }

  @Test
  void anOlderKubectlOnPathIsPassedOver() throws IOException {
    Path path = fakeKubectl(folder.resolve("path"), "31");
    Path built = fakeKubectl(folder.resolve(".tools/control-plane/bin"), "33");

    assertThat(ControlPlaneTools.withinSkew(path.resolve("kubectl"))).isFalse();
    assertThat(
            ControlPlaneTools.locate(folder, Map.<String, String>of()::get, path.toString())
                .kubectl())
        .isEqualTo(built.resolve("kubectl"));
  }

  @Test
  void aPropertyNamesAProgramAndWhatIsMissingIsSaid() throws IOException {
    Path kubectl = fakeKubectl(folder.resolve("elsewhere"), "20").resolve("kubectl");
    ControlPlaneTools tools =
        ControlPlaneTools.locate(
            folder, Map.of("stackwright.kubectl", kubectl.toString())::get, "");

    assertThat(tools.kubectl()).isEqualTo(kubectl);
    assertThat(tools.missing())
        .contains(
            "kube-apiserver",
            "kube-controller-manager",
            "etcd",
            "openssl",
            "scripts/install-control-plane")
        .doesNotContain("kubectl 1.32");
  }

  private static Path fakeKubectl(Path bin, String minor) throws IOException {
    Files.createDirectories(bin);
    Path kubectl = bin.resolve("kubectl");
    Files.writeString(
        kubectl,
        "#!/bin/sh\necho '{\"clientVersion\": {\"major\": \"1\", \"minor\": \""
            + minor
            + "\"}}'\n");
    Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }
}
