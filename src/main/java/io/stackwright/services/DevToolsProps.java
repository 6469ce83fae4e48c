package io.stackwright.services;

import io.stackwright.model.ImageRef;

/**
 * Development tools beside the Compose stack ({@code devTools:}): a database UI and a Redis UI.
 * They exist only in a development environment, only in Compose, and only start with {@code docker
 * compose --profile devtools up}; each is published on {@code 127.0.0.1} alone.
 *
 * @param databaseUiImage database UI image. Default: {@value DevTools#DEFAULT_DATABASE_UI}.
 * @param databaseUiPort host port of the database UI, 1024–65535. Default: 8081.
 * @param redisUiImage Redis UI image. Default: {@value DevTools#DEFAULT_REDIS_UI}.
 * @param redisUiPort host port of the Redis UI, 1024–65535. Default: 8082.
 */
public record DevToolsProps(
    ImageRef databaseUiImage, Integer databaseUiPort, ImageRef redisUiImage, Integer redisUiPort) {
  /** {@return every key at its default, as for a missing section} */
  public static DevToolsProps defaults() {
    return new DevToolsProps(null, null, null, null);
  }

  /**
   * Applies the defaults.
   *
   * @param databaseUiImage see {@link #databaseUiImage()}
   * @param databaseUiPort see {@link #databaseUiPort()}
   * @param redisUiImage see {@link #redisUiImage()}
   * @param redisUiPort see {@link #redisUiPort()}
   */
  public DevToolsProps {
    databaseUiImage =
        databaseUiImage == null ? ImageRef.parse(DevTools.DEFAULT_DATABASE_UI) : databaseUiImage;
    databaseUiPort = Range.check("databaseUiPort", databaseUiPort, 8081, 1024, 65535);
    redisUiImage = redisUiImage == null ? ImageRef.parse(DevTools.DEFAULT_REDIS_UI) : redisUiImage;
    redisUiPort = Range.check("redisUiPort", redisUiPort, 8082, 1024, 65535);
  }
}
