package io.stackwright.render.k8s;

import io.stackwright.model.ConfigFile;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import io.stackwright.render.Addresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdk8s.plus33.k8s.ConfigMapEnvSource;
import org.cdk8s.plus33.k8s.EnvFromSource;
import org.cdk8s.plus33.k8s.KubeConfigMapProps;
import org.cdk8s.plus33.k8s.Volume;

/**
 * A service's configuration as ConfigMaps: its environment ({@code <service>-env}), read by the
 * container as {@code envFrom}, and its generated files ({@code <service>-config}), each mounted
 * read-only at its own path. A digest of both goes on the pod template, so that a change of either
 * rolls the pods.
 *
 * <p>The ConfigMaps are plain objects ({@link PlainObjects}), as cdk8s-plus would write them: it
 * only copies their data through, and a construct costs a kernel round trip, its {@code envFrom}
 * another.
 */
final class ConfigMaps {
  /** The pod annotation with the digest of the service's configuration. */
  static final String CONFIG_CHECKSUM = "stackwright.io/config-sha256";

  private static final PlainObjects.ApiKind CONFIG_MAP =
      new PlainObjects.ApiKind("v1", "ConfigMap");

  private ConfigMaps() {}

  /**
   * What a service's container reads its configuration from.
   *
   * @param envFrom where its environment comes from, for its {@code envFrom} field
   * @param files its configuration files, each mounted from {@code volume}
   * @param volume the volume of its files; {@code null} when it has none
   * @param checksum the SHA-256 of its environment and files
   */
  record Config(
      List<EnvFromSource> envFrom, List<ConfigFile> files, Volume volume, String checksum) {
    /** Mounts each file at its own path, leaving the rest of the image's directory as it is. */
    void mountInto(WorkloadParts workload) {
      for (ConfigFile file : files) {
        workload.mountFile(file.mountPath(), volume, file.name());
      }
    }
  }

  /** Adds the ConfigMaps of {@code service} to {@code plain}. */
  static Config add(PlainObjects plain, StackModel stack, ServiceModel service) {
    Map<String, String> env =
        Addresses.resolve(service.env(), host -> host + "." + stack.namespace() + ".svc");
    List<EnvFromSource> envFrom = new ArrayList<>();
    if (!env.isEmpty()) {
      String name = configMap(plain, service, "env", env);
      envFrom.add(
          EnvFromSource.builder()
              .configMapRef(ConfigMapEnvSource.builder().name(name).build())
              .build());
    }
    Map<String, String> files = new TreeMap<>();
    service.configFiles().forEach(file -> files.put(file.name(), file.kubernetes()));
    Volume volume = null;
    if (!files.isEmpty()) {
      String name = configMap(plain, service, "config", files);
      volume = PodVolumes.configMap("config", name, List.copyOf(files.keySet()));
    }
    Map<String, String> hashed = new TreeMap<>();
    env.forEach((key, value) -> hashed.put("env/" + key, value));
    files.forEach((name, content) -> hashed.put("file/" + name, content));
    return new Config(envFrom, service.configFiles(), volume, sha256(hashed));
  }

  /** Adds the ConfigMap {@code <service>-<part>}; returns its name. */
  private static String configMap(
      PlainObjects plain, ServiceModel service, String part, Map<String, String> data) {
    String name = service.name() + "-" + part;
    plain.add(
        CONFIG_MAP,
        KubeConfigMapProps.builder()
            .metadata(plain.metadata(name))
            .data(new TreeMap<>(data))
            .immutable(false)
            .build());
    return name;
  }

  private static String sha256(Map<String, String> data) {
    StringBuilder canonical = new StringBuilder();
    new TreeMap<>(data).forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(digest.digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
