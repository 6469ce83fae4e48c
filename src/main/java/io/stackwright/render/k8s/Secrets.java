package io.stackwright.render.k8s;

import io.stackwright.model.SecretFile;
import io.stackwright.model.StackModel;
import io.stackwright.render.DevSecrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.Chart;
import org.cdk8s.plus33.PathMapping;
import org.cdk8s.plus33.Secret;
import org.cdk8s.plus33.SecretProps;
import org.cdk8s.plus33.SecretVolumeOptions;
import org.cdk8s.plus33.Volume;
import org.cdk8s.plus33.VolumeMount;

/**
 * Secrets reach a pod only as files mounted from Secrets, never as literal values in its spec or
 * environment. A development environment gets Secrets of marked, generated values; every other
 * environment refers to Secrets that must exist in the cluster. The twin of the policy rule {@code
 * no-literal-secrets}, which checks that no secret is written out in the output.
 */
final class Secrets {
  private static final String DEV_SECRET_MARK = "stackwright.io/development-value";

  private Secrets() {}

  /** {@return a mount of each of {@code files}} */
  static List<VolumeMount> mounts(List<SecretFile> files) {
    List<VolumeMount> mounts = new ArrayList<>();
    for (SecretFile file : files) {
      mounts.add(mount(file));
    }
    return mounts;
  }

  /**
   * A single file at the same path as Compose's {@code /run/secrets/<name>}, rather than a
   * directory.
   */
  static VolumeMount mount(SecretFile file) {
    Volume volume =
        JsiiValues.volume(
            List.of("secret", file.secretName(), file.key(), file.name()),
            (scope, id) ->
                Volume.fromSecret(
                    scope,
                    id,
                    JsiiValues.secret(file.secretName()),
                    SecretVolumeOptions.builder()
                        .name("secret-" + file.name())
                        .defaultMode(0440)
                        .items(Map.of(file.key(), PathMapping.builder().path(file.name()).build()))
                        .build()));
    return VolumeMount.builder()
        .path(file.path())
        .subPath(file.name())
        .readOnly(true)
        .volume(volume)
        .build();
  }

  /**
   * Adds the Secrets of a development environment, with marked values: one per Secret name, holding
   * every key any service reads from it.
   */
  static void addDevSecrets(Chart chart, StackModel stack) {
    Map<String, Map<String, String>> data = new TreeMap<>();
    for (SecretFile file : stack.secrets()) {
      data.computeIfAbsent(file.secretName(), name -> new TreeMap<>())
          .put(file.key(), DevSecrets.value(file));
    }
    data.forEach(
        (name, values) ->
            new Secret(
                chart,
                name,
                SecretProps.builder()
                    .metadata(
                        ApiObjectMetadata.builder()
                            .name(name)
                            .annotations(
                                Map.of(
                                    DEV_SECRET_MARK,
                                    "generated for development: not a secret, never use it"
                                        + " elsewhere"))
                            .build())
                    .stringData(values)
                    .build()));
  }
}
