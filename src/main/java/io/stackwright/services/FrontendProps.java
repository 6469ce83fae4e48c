package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;

/**
 * What an environment file may set for the frontend ({@code frontend:}).
 *
 * @param image the single-page app's image. Required; it must be built {@code FROM
 *     nginxinc/nginx-unprivileged} (or serve the same way) with the app's files in {@code
 *     /usr/share/nginx/html}: the server configuration is generated and mounted over the image's.
 * @param replicas Kubernetes replicas, 1–100. Default: 1.
 * @param autoscaling Kubernetes autoscaling; replaces {@code replicas}. Default: none.
 * @param resources requests and limits. Default: cpu 50m (limit 200m), memory 64Mi (limit 64Mi).
 */
public record FrontendProps(
    ImageRef image, Integer replicas, AutoscalingProps autoscaling, ResourcesProps resources) {

  /** Default requests and limits: a static file server needs little. */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(Cpu.millis(50), Memory.mebibytes(64), Cpu.millis(200), Memory.mebibytes(64));

  /**
   * Applies the defaults and checks ranges.
   *
   * @param image see {@link #image()}
   * @param replicas see {@link #replicas()}
   * @param autoscaling see {@link #autoscaling()}
   * @param resources see {@link #resources()}
   */
  public FrontendProps {
    if (image == null) {
      throw new InvalidPropException(
          "image", "missing required key \"image\"", "set image: registry/repository:tag");
    }
    replicas = Range.replicas(replicas, autoscaling);
    resources = ResourcesProps.complete(resources, DEFAULT_RESOURCES);
  }
}
