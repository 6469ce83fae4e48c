package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;

/**
 * What an environment file may set for Prometheus ({@code prometheus:}). Every key is optional.
 *
 * @param image container image. Default: {@value Prometheus#DEFAULT_IMAGE}, which runs as {@code
 *     nobody} (65534).
 * @param retentionDays how long samples are kept, 1–3650. Default: 15.
 * @param storage capacity of the data volume (Kubernetes); samples are also dropped, oldest first,
 *     beyond 80 % of it. Default: {@code 10Gi}.
 * @param storageClass StorageClass of the data volume. Default: the cluster's default.
 * @param scrapeIntervalSeconds seconds between scrapes, 5–300. Default: 30.
 * @param resources requests and limits. Default: cpu 200m (limit 1), memory 512Mi (limit 512Mi).
 */
public record PrometheusProps(
    ImageRef image,
    Integer retentionDays,
    Memory storage,
    String storageClass,
    Integer scrapeIntervalSeconds,
    ResourcesProps resources) {

  /** Default requests and limits. */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(
          Cpu.millis(200), Memory.mebibytes(512), Cpu.millis(1000), Memory.mebibytes(512));

  /** {@return every key at its default, as for a missing section} */
  public static PrometheusProps defaults() {
    return new PrometheusProps(null, null, null, null, null, null);
  }

  /**
   * Applies the defaults and checks ranges.
   *
   * @param image see {@link #image()}
   * @param retentionDays see {@link #retentionDays()}
   * @param storage see {@link #storage()}
   * @param storageClass see {@link #storageClass()}
   * @param scrapeIntervalSeconds see {@link #scrapeIntervalSeconds()}
   * @param resources see {@link #resources()}
   */
  public PrometheusProps {
    image = image == null ? ImageRef.parse(Prometheus.DEFAULT_IMAGE) : image;
    retentionDays = Range.check("retentionDays", retentionDays, 15, 1, 3650);
    storage = storage == null ? Memory.gibibytes(10) : storage;
    if (storage.compareTo(Memory.mebibytes(256)) < 0) {
      throw new InvalidPropException(
          "storage", "storage " + storage + " is too small for Prometheus", "use at least 256Mi");
    }
    Range.storageClass(storageClass);
    scrapeIntervalSeconds = Range.check("scrapeIntervalSeconds", scrapeIntervalSeconds, 30, 5, 300);
    resources = ResourcesProps.complete(resources, DEFAULT_RESOURCES);
  }
}
