package io.stackwright.validate.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A local Kubernetes control plane for tests: etcd, kube-apiserver and kube-controller-manager on
 * free loopback ports, with a throwaway data folder and certificates made by openssl, as a
 * cluster's administrator sees it through {@link #kubectl()}. The API server runs as a real
 * cluster's does: RBAC, every default admission plugin (Pod Security among them), privileged
 * containers allowed by the server so that Pod Security is what refuses them. The controllers make
 * Pods from Deployments and StatefulSets (admitted, never scheduled: there is no scheduler and no
 * node), each namespace's {@code default} ServiceAccount, and collect the garbage of what is
 * deleted.
 *
 * <p>{@link #close()} stops every program; a shutdown hook stops them too if a test run ends
 * without it, so no test leaves a process behind.
 */
public final class ControlPlane implements AutoCloseable {

  /** The longest start-up may take; on two busy cores it takes about 3 s. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static final String EC = "ec_paramgen_curve:prime256v1";

  private final Path folder;
  private final List<Process> processes = new ArrayList<>();
  private final Thread stopAtExit = new Thread(this::stop, "stop-control-plane");
  private Kubectl kubectl;

  private ControlPlane(Path folder) {
    this.folder = folder;
  }

  /**
   * Starts etcd and kube-apiserver and waits until the API server is ready.
   *
   * @param tools the programs
   * @param folder an empty folder for the certificates, etcd's data and the logs; it must outlive
   *     the control plane (a test's {@code @TempDir})
   */
  public static ControlPlane start(ControlPlaneTools tools, Path folder) {
    ControlPlane plane = new ControlPlane(folder);
    Runtime.getRuntime().addShutdownHook(plane.stopAtExit);
    try {
      plane.startAll(tools);
      return plane;
    } catch (RuntimeException | Error e) {
      plane.close();
      throw e;
    }
  }

  /** kubectl as the cluster's administrator ({@code system:masters}). */
  public Kubectl kubectl() {
    return kubectl;
  }

  /** The folder holding the certificates, etcd's data and the programs' logs. */
  public Path folder() {
    return folder;
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down and runs the hook itself.
    }
  }

  private void startAll(ControlPlaneTools tools) {
    Path pki = mkdirs(folder.resolve("pki"));
    makeCertificates(tools.openssl(), pki);
    int etcdPort = freePort();
    int peerPort = freePort();
    int apiPort = freePort();
    String peer = "http://127.0.0.1:" + peerPort;
    String etcd = "http://127.0.0.1:" + etcdPort;
    launch(
        "etcd",
        List.of(
            tools.etcd().toString(),
            "--name=default",
            "--data-dir=" + mkdirs(folder.resolve("etcd")),
            "--listen-client-urls=" + etcd,
            "--advertise-client-urls=" + etcd,
            "--listen-peer-urls=" + peer,
            "--initial-advertise-peer-urls=" + peer,
            "--initial-cluster=default=" + peer,
            // A throwaway store: no fsync, so a test does not wait on the disk.
            "--unsafe-no-fsync",
            "--logger=zap",
            "--log-level=warn"));
    launch(
        "kube-apiserver",
        List.of(
            tools.apiServer().toString(),
            "--etcd-servers=" + etcd,
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            "--secure-port=" + apiPort,
            "--cert-dir=" + mkdirs(folder.resolve("apiserver")),
            "--tls-cert-file=" + pki.resolve("server.crt"),
            "--tls-private-key-file=" + pki.resolve("server.key"),
            "--client-ca-file=" + pki.resolve("ca.crt"),
            "--service-account-key-file=" + pki.resolve("sa.pub"),
            "--service-account-signing-key-file=" + pki.resolve("sa.key"),
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
            "--service-cluster-ip-range=10.96.0.0/16",
            "--authorization-mode=RBAC",
            // As kubeadm and every managed cluster: the server allows privileged containers, and
            // the namespace's Pod Security level is what must refuse them.
            "--allow-privileged=true",
            "--profiling=false"));
    Path kubeconfig = writeKubeconfig(pki, apiPort);
    kubectl = new Kubectl(tools.kubectl(), kubeconfig, mkdirs(folder.resolve("kubectl")));
    awaitReady(() -> kubectl.run("get", "--raw=/readyz"));
    launch(
        "kube-controller-manager",
        List.of(
            tools.controllerManager().toString(),
            "--kubeconfig=" + kubeconfig,
            "--authentication-kubeconfig=" + kubeconfig,
            "--authorization-kubeconfig=" + kubeconfig,
            "--bind-address=127.0.0.1",
            "--secure-port=" + freePort(),
            "--cert-dir=" + mkdirs(folder.resolve("controller-manager")),
            "--leader-elect=false",
            "--service-account-private-key-file=" + pki.resolve("sa.key"),
            "--root-ca-file=" + pki.resolve("ca.crt"),
            "--cluster-signing-cert-file=" + pki.resolve("ca.crt"),
            "--cluster-signing-key-file=" + pki.resolve("ca.key"),
            "--profiling=false"));
    // Its ServiceAccount controller has started once the default namespace has its account.
    awaitReady(() -> kubectl.run("get", "serviceaccount", "default", "--namespace=default"));
  }

  /** A CA, the API server's serving certificate, an administrator's client certificate. */
  private static void makeCertificates(Path openssl, Path pki) {
    String ca = pki.resolve("ca.crt").toString();
    String caKey = pki.resolve("ca.key").toString();
    openssl(
        openssl,
        pki,
        "req",
        "-x509",
        "-subj",
        "/CN=stackwright-test-ca",
        "-out",
        ca,
        "-keyout",
        caKey);
    openssl(
        openssl,
        pki,
        "req",
        "-x509",
        "-subj",
        "/CN=kube-apiserver",
        "-CA",
        ca,
        "-CAkey",
        caKey,
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-addext",
        "basicConstraints=critical,CA:FALSE",
        "-addext",
        "extendedKeyUsage=serverAuth",
        "-out",
        pki.resolve("server.crt").toString(),
        "-keyout",
        pki.resolve("server.key").toString());
    openssl(
        openssl,
        pki,
        "req",
        "-x509",
        "-subj",
        "/O=system:masters/CN=admin",
        "-CA",
        ca,
        "-CAkey",
        caKey,
        "-addext",
        "basicConstraints=critical,CA:FALSE",
        "-addext",
        "extendedKeyUsage=clientAuth",
        "-out",
        pki.resolve("admin.crt").toString(),
        "-keyout",
        pki.resolve("admin.key").toString());
    run(
        pki,
        List.of(
            openssl.toString(),
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            EC,
            "-out",
            pki.resolve("sa.key").toString()));
    run(
        pki,
        List.of(
            openssl.toString(),
            "pkey",
            "-in",
            pki.resolve("sa.key").toString(),
            "-pubout",
            "-out",
            pki.resolve("sa.pub").toString()));
  }

  /** {@code openssl req -x509} with a fresh P-256 key, valid for two days. */
  private static void openssl(Path openssl, Path pki, String... args) {
    List<String> command = new ArrayList<>(List.of(openssl.toString()));
    command.add(args[0]);
    command.addAll(List.of("-newkey", "ec", "-pkeyopt", EC, "-nodes", "-days", "2"));
    command.addAll(List.of(args).subList(1, args.length));
    run(pki, command);
  }

  private static void run(Path directory, List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void launch(String name, List<String> command) {
    Path log = folder.resolve(name + ".log");
    try {
      processes.add(
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command.get(0), e);
    }
  }

  private Path writeKubeconfig(Path pki, int port) {
    String text =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "  - name: local\n"
            + "    cluster:\n"
            + "      server: https://127.0.0.1:"
            + port
            + "\n"
            + "      certificate-authority: "
            + pki.resolve("ca.crt")
            + "\n"
            + "users:\n"
            + "  - name: admin\n"
            + "    user:\n"
            + "      client-certificate: "
            + pki.resolve("admin.crt")
            + "\n"
            + "      client-key: "
            + pki.resolve("admin.key")
            + "\n"
            + "contexts:\n"
            + "  - name: local\n"
            + "    context:\n"
            + "      cluster: local\n"
            + "      user: admin\n"
            + "current-context: local\n";
    Path file = folder.resolve("kubeconfig");
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Waits until {@code probe} succeeds while every program runs; for the API server, {@code
   * /readyz}: etcd reached, RBAC's bootstrap roles in place.
   */
  private void awaitReady(Supplier<Kubectl.Result> probe) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    Kubectl.Result last = null;
    while (System.nanoTime() < deadline) {
      for (Process process : processes) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              process.info().command().orElse("a control-plane program")
                  + " exited with "
                  + process.exitValue()
                  + "\n"
                  + logs());
        }
      }
      last = probe.get();
      if (last.exitCode() == 0) {
        return;
      }
      pause(Duration.ofMillis(250));
    }
    throw new IllegalStateException(
        "the control plane was not ready within "
            + START_TIMEOUT
            + "\n"
            + last.describe()
            + logs());
  }

  /** The tail of each program's log, for a failure message. */
  private String logs() {
    StringBuilder text = new StringBuilder();
    for (String name : List.of("etcd", "kube-apiserver", "kube-controller-manager")) {
      try {
        List<String> lines = Files.readAllLines(folder.resolve(name + ".log"));
        text.append("--- ").append(name).append(".log (last lines)\n");
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> text.append(l).append('\n'));
      } catch (IOException e) {
        text.append("--- no ").append(name).append(".log\n");
      }
    }
    return text.toString();
  }

  /** Stops the programs, the last started first: politely, then forcibly after 10 s. */
  private synchronized void stop() {
    for (int i = processes.size() - 1; i >= 0; i--) {
      Process process = processes.get(i);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    processes.clear();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path mkdirs(Path path) {
    try {
      return Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
