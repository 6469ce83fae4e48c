package io.stackwright.bench;

import io.stackwright.model.Autoscaling;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Probe;
import io.stackwright.model.Resources;
import io.stackwright.model.SecretFile;
import io.stackwright.model.StackModel;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.services.GenericService;
import io.stackwright.stack.Stack;
import io.stackwright.synth.Synthesizer;
import io.stackwright.validate.GateCheck;
import io.stackwright.validate.Subject;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationGate;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A synthetic stack of {@code N} backend-like services for {@code bench/run}: each a Deployment
 * with a ConfigMap of settings, a password read from an external Secret, HTTP probes, requests and
 * limits, an autoscaler, a Service, a disruption budget and its network policy, and a Compose
 * service. It goes through the same path as a synth of an environment (render both targets, the
 * whole validation gate, strict, then {@code dist/} written), minus the environment file, so that
 * the time can be set beside the Node.js reference's {@code scale N}. Kept with the tests, out of
 * the product.
 */
public final class ScaleBench {
  private ScaleBench() {}

  /**
   * Synthesizes the stack into {@code <outputDir>/dist/scale-<N>/}.
   *
   * @param args the number of services, the output folder, and the project folder whose {@code
   *     .tools/} holds the validation tools
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ScaleBench <services> <output-dir> <project-dir>");
      System.exit(2);
    }
    int count = Integer.parseInt(args[0]);
    Path output = Path.of(args[1]);
    Path project = Path.of(args[2]);
    long start = System.nanoTime();
    StackModel stack = stack(count);
    ValidationGate gate =
        new ValidationGate(
            Tools.locate(project, System::getProperty, System::getenv), ValidationMode.STRICT);
    SynthOutput rendered;
    long renderedAt;
    ValidationReport report;
    // As a synth does: the gate's check begins before the render, so that the Compose CLI starts
    // on the Compose file while the manifests render.
    try (GateCheck check = gate.begin()) {
      rendered = Synthesizer.render(stack, check);
      renderedAt = System.nanoTime();
      report =
          check.finish(
              List.of(
                  new Subject(
                      stack.environment(),
                      "(synthetic)",
                      false,
                      stack.externalSecrets(),
                      List.of(),
                      rendered)));
    }
    if (!report.passed()) {
      report.failureLines().forEach(System.err::println);
      System.exit(1);
    }
    long checkedAt = System.nanoTime();
    new DistWriter(output.resolve("dist")).write(List.of(rendered), name -> false);
    System.err.printf(
        Locale.ROOT,
        "render %.2f s, validation %.2f s (%s), write %.2f s%n",
        (renderedAt - start) / 1e9,
        (checkedAt - renderedAt) / 1e9,
        report.timings(),
        (System.nanoTime() - checkedAt) / 1e9);
    System.out.printf(
        Locale.ROOT,
        "scale-%d: %d Kubernetes objects, %d Compose services; checks: model, %s; %.2f s%n",
        count,
        rendered.kubernetesObjects(),
        rendered.composeServices(),
        report.layersRan(),
        (System.nanoTime() - start) / 1e9);
    System.exit(0);
  }

  /** {@code count} backend-like services, {@code svc0} to {@code svc<count-1>}. */
  static StackModel stack(int count) {
    Stack stack = new Stack("scale", "scale-" + count, "scale-" + count, false);
    for (int i = 0; i < count; i++) {
      String name = "svc" + i;
      GenericService.builder(name)
          .component("api")
          .image(ImageRef.parse("example/backend:1.0"))
          .replicas(3)
          .port("http", 8080)
          .env("HTTP_PORT", "8080")
          .env("LOG_LEVEL", "info")
          .env("DB_HOST", "postgres")
          .env("REDIS_HOST", "redis")
          .secret(
              new SecretFile(name + "-password", name + "-credentials", "password"),
              "PASSWORD_FILE")
          .metrics("http", "/metrics")
          .writable("/tmp")
          .readiness(new Probe(new Probe.HttpGet("/ready", 8080), 10, 3, 3))
          .liveness(new Probe(new Probe.HttpGet("/healthz", 8080), 10, 3, 3))
          .resources(
              new Resources(
                  Cpu.millis(250), Memory.mebibytes(256), Cpu.millis(1000), Memory.mebibytes(512)))
          .runAs(10001, 10001)
          .autoscaling(new Autoscaling(3, 10, 70))
          .addTo(stack);
    }
    return stack.toModel();
  }
}
