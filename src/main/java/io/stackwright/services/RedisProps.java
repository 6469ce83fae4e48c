package io.stackwright.services;

import io.stackwright.config.EvictionPolicy;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Names;
import io.stackwright.model.Resources;

/**
 * What an environment file may set for Redis ({@code redis:}). Every key is optional.
 *
 * @param image container image. Default: {@value Redis#DEFAULT_IMAGE}, the official Debian-based
 *     image, whose {@code redis} user is uid/gid 999: the container runs as that user.
 * @param storage capacity of the data volume (Kubernetes). Default: {@code 1Gi}.
 * @param storageClass StorageClass of the data volume. Default: the cluster's default.
 * @param resources requests and limits; {@code maxmemory} is derived from the memory limit.
 *     Default: cpu 100m (limit 500m), memory 256Mi (limit 256Mi).
 * @param evictionPolicy what Redis drops when {@code maxmemory} is reached. Default: {@code
 *     allkeys-lru} (a cache); use {@code noeviction} when Redis holds data that must not vanish.
 * @param passwordSecret Secret holding the password under the key {@code password}. Outside
 *     development it must exist before the stack is applied. Default: {@code redis-credentials}.
 */
public record RedisProps(
    ImageRef image,
    Memory storage,
    String storageClass,
    ResourcesProps resources,
    EvictionPolicy evictionPolicy,
    String passwordSecret) {

  /** Default requests and limits. */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(Cpu.millis(100), Memory.mebibytes(256), Cpu.millis(500), Memory.mebibytes(256));

  /** {@return every key at its default, as for a missing section} */
  public static RedisProps defaults() {
    return new RedisProps(null, null, null, null, null, null);
  }

  /**
   * Applies the defaults and checks names.
   *
   * @param image see {@link #image()}
   * @param storage see {@link #storage()}
   * @param storageClass see {@link #storageClass()}
   * @param resources see {@link #resources()}
   * @param evictionPolicy see {@link #evictionPolicy()}
   * @param passwordSecret see {@link #passwordSecret()}
   */
  public RedisProps {
    image = image == null ? ImageRef.parse(Redis.DEFAULT_IMAGE) : image;
    storage = storage == null ? Memory.gibibytes(1) : storage;
    Range.storageClass(storageClass);
    resources = ResourcesProps.complete(resources, DEFAULT_RESOURCES);
    if (resources.toResources().memoryLimit().compareTo(Memory.mebibytes(64)) < 0) {
      throw new InvalidPropException(
          "resources.memoryLimit", "Redis needs a memory limit of at least 64Mi", "raise it");
    }
    evictionPolicy = evictionPolicy == null ? EvictionPolicy.ALLKEYS_LRU : evictionPolicy;
    passwordSecret = passwordSecret == null ? "redis-credentials" : passwordSecret;
    if (!Names.isLabel(passwordSecret)) {
      throw new InvalidPropException(
          "passwordSecret",
          "\"" + passwordSecret + "\" is not a valid Secret name",
          "use lower-case letters, digits and '-', at most 63 characters");
    }
  }
}
