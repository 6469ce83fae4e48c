package io.stackwright.config;

import java.util.Locale;

/**
 * What Redis does when {@code maxmemory} is reached ({@code maxmemory-policy}). Written in an
 * environment file as the Redis spelling: {@code allkeys-lru} for {@link #ALLKEYS_LRU}.
 */
public enum EvictionPolicy {
  /** Refuse writes that need more memory; nothing is lost. For Redis used as a store. */
  NOEVICTION,
  /** Evict the least recently used keys. For Redis used as a cache. */
  ALLKEYS_LRU,
  /** Evict the least frequently used keys. */
  ALLKEYS_LFU,
  /** Evict keys at random. */
  ALLKEYS_RANDOM,
  /** Evict the least recently used of the keys that have an expiry. */
  VOLATILE_LRU,
  /** Evict the least frequently used of the keys that have an expiry. */
  VOLATILE_LFU,
  /** Evict keys that have an expiry, at random. */
  VOLATILE_RANDOM,
  /** Evict the keys that have an expiry, nearest expiry first. */
  VOLATILE_TTL;

  /**
   * The value of {@code maxmemory-policy}; the same as the environment file's spelling.
   *
   * @return the constant's name in lower case with {@code -} for {@code _}
   */
  public String configValue() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
