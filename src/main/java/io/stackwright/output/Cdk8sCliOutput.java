package io.stackwright.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code cdk8s synth} expects of an app: {@code *.k8s.yaml} files in the folder it names in
 * {@code CDK8S_OUTDIR}. One file per environment, with that environment's Kubernetes manifests in
 * apply order. {@code dist/} remains the committed output; this is a copy for the cdk8s CLI and its
 * validation plugins.
 */
public final class Cdk8sCliOutput {
  /** The variable the cdk8s CLI sets to its output folder. */
  public static final String VARIABLE = "CDK8S_OUTDIR";

  private Cdk8sCliOutput() {}

  /**
   * Writes {@code <env>.k8s.yaml} into {@code folder} for each output.
   *
   * @param folder the folder, created when missing
   * @param outputs one per environment; the Kubernetes files at the top of each are joined into its
   *     file
   * @throws IOException when a file cannot be written
   */
  public static void write(Path folder, List<SynthOutput> outputs) throws IOException {
    Files.createDirectories(folder);
    for (SynthOutput output : outputs) {
      Path file = folder.resolve(output.environment() + ".k8s.yaml");
      try (OutputStream out = Files.newOutputStream(file)) {
        for (Map.Entry<String, byte[]> entry : output.files().entrySet()) {
          if (!entry.getKey().contains("/") && entry.getKey().endsWith(".yaml")) {
            out.write(entry.getValue());
          }
        }
      }
    }
  }
}
