package example.tasks;

import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;

/**
 * What an environment file may set for Grafana ({@code grafana:}). Every key is optional.
 *
 * @param image container image. Default: {@value TasksStack#GRAFANA_IMAGE}.
 * @param storage capacity of its data volume (Kubernetes). Default: {@code 1Gi}.
 * @param adminPasswordSecret Kubernetes Secret holding the admin password under the key {@code
 *     password}. Default: {@code grafana-admin}.
 */
public record GrafanaProps(ImageRef image, Memory storage, String adminPasswordSecret) {

  /** Applies the defaults. */
  public GrafanaProps {
    image = image == null ? ImageRef.parse(TasksStack.GRAFANA_IMAGE) : image;
    storage = storage == null ? Memory.gibibytes(1) : storage;
    adminPasswordSecret = adminPasswordSecret == null ? "grafana-admin" : adminPasswordSecret;
  }

  /** Every key at its default. */
  public static GrafanaProps defaults() {
    return new GrafanaProps(null, null, null);
  }
}
