package io.stackwright.validate.cluster;

import static org.assertj.core.api.Assertions.fail;

import io.stackwright.validate.InstalledTools;
import io.stackwright.validate.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * The programs a local control plane needs, each looked for in this order: a system property
 * ({@code -Dstackwright.kube-apiserver}, {@code -Dstackwright.kube-controller-manager}, {@code
 * -Dstackwright.etcd}, {@code -Dstackwright.kubectl}), then, for kubectl, a {@code kubectl} on
 * {@code PATH} within one minor version of the API server (kubectl's version skew policy), then
 * {@code .tools/control-plane/bin/}, which {@code scripts/install-control-plane} fills; etcd and
 * openssl come from {@code PATH}.
 *
 * @param apiServer kube-apiserver, or {@code null}
 * @param controllerManager kube-controller-manager, or {@code null}
 * @param etcd etcd, or {@code null}
 * @param kubectl kubectl, or {@code null}
 * @param openssl openssl, which makes the certificates, or {@code null}
 */
public record ControlPlaneTools(
    Path apiServer, Path controllerManager, Path etcd, Path kubectl, Path openssl) {

  /** The minor version of Kubernetes the manifests target and the API server is built at. */
  public static final int KUBERNETES_MINOR = 33;

  /** How to install what is missing, for messages. */
  public static final String INSTALL_HINT =
      "install it with scripts/install-control-plane (etcd: apt-get install etcd-server)";

  private static final Pattern MINOR = Pattern.compile("\"minor\":\\s*\"(\\d+)");

  /** Finds the programs for the project under test. */
  public static ControlPlaneTools locate() {
    return locate(InstalledTools.PROJECT, System::getProperty, System.getenv("PATH"));
  }

  /**
   * Finds the programs.
   *
   * @param projectDir the folder holding {@code .tools/}
   * @param properties system properties, e.g. {@code System::getProperty}
   * @param path the {@code PATH} to search
   */
  public static ControlPlaneTools locate(
      Path projectDir, Function<String, String> properties, String path) {
    Path bin = projectDir.resolve(".tools/control-plane/bin");
    return new ControlPlaneTools(
        property(properties, "stackwright.kube-apiserver")
            .or(() -> executable(bin.resolve("kube-apiserver")))
            .orElse(null),
        property(properties, "stackwright.kube-controller-manager")
            .or(() -> executable(bin.resolve("kube-controller-manager")))
            .orElse(null),
        property(properties, "stackwright.etcd").or(() -> onPath(path, "etcd")).orElse(null),
        property(properties, "stackwright.kubectl")
            .or(() -> onPath(path, "kubectl").filter(ControlPlaneTools::withinSkew))
            .or(() -> executable(bin.resolve("kubectl")))
            .orElse(null),
        onPath(path, "openssl").orElse(null));
  }

  /** What is missing, or {@code null} when every program is there. */
  public String missing() {
    List<String> missing = new ArrayList<>();
    if (apiServer == null) {
      missing.add("kube-apiserver (-Dstackwright.kube-apiserver, .tools/control-plane/bin)");
    }
    if (controllerManager == null) {
      missing.add(
          "kube-controller-manager (-Dstackwright.kube-controller-manager,"
              + " .tools/control-plane/bin)");
    }
    if (etcd == null) {
      missing.add("etcd (-Dstackwright.etcd, PATH)");
    }
    if (kubectl == null) {
      missing.add(
          "kubectl 1."
              + (KUBERNETES_MINOR - 1)
              + " to 1."
              + (KUBERNETES_MINOR + 1)
              + " (-Dstackwright.kubectl, PATH, .tools/control-plane/bin)");
    }
    if (openssl == null) {
      missing.add("openssl (PATH)");
    }
    return missing.isEmpty() ? null : String.join(", ", missing) + " not found; " + INSTALL_HINT;
  }

  /**
   * The programs; the calling test is skipped (or fails, when tests are strict: {@code CI=true} or
   * {@code -Dvalidate.tests=strict}) unless every one is there.
   */
  public static ControlPlaneTools require() {
    ControlPlaneTools tools = locate();
    String missing = tools.missing();
    if (missing != null) {
      if (InstalledTools.strict()) {
        fail("the control-plane tests are strict and " + missing);
      }
      Assumptions.abort(missing);
    }
    return tools;
  }

  /** Whether this kubectl's own version is within one minor version of the API server's. */
  static boolean withinSkew(Path kubectl) {
    return clientMinor(kubectl).map(m -> Math.abs(m - KUBERNETES_MINOR) <= 1).orElse(false);
  }

  /** The minor version kubectl reports for itself ({@code "minor": "32+"} is 32), if it answers. */
  static Optional<Integer> clientMinor(Path kubectl) {
    try {
      Process process =
          new ProcessBuilder(kubectl.toString(), "version", "--client", "-o", "json")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        return Optional.empty();
      }
      Matcher matcher = MINOR.matcher(out);
      return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<Path> property(Function<String, String> properties, String name) {
    String value = properties.apply(name);
    return value == null || value.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(value).toAbsolutePath());
  }

  /** The file, absolute, if it is an executable file. */
  private static Optional<Path> executable(Path file) {
    return Tools.executable(file).map(found -> found.toAbsolutePath().normalize());
  }

  /** The executable in the first folder of {@code path} that holds one, absolute. */
  private static Optional<Path> onPath(String path, String name) {
    return Tools.onPath(path, name).map(found -> found.toAbsolutePath().normalize());
  }
}
