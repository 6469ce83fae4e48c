package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Resources;

/**
 * What an environment file may set for one {@link HttpService}: the same keys as {@code backend:}
 * ({@link BackendProps}), for a section of one's own props record. What the code decides (the
 * framework, the port, the paths, what it uses) is on {@link HttpService.Builder}.
 *
 * @param image the service's container image. Required; it must serve the paths of its {@link
 *     HttpFramework} (or the overrides given), run as a non-root user, and contain {@code wget} for
 *     the Compose health check.
 * @param replicas Kubernetes replicas, 1–100. Default: 1.
 * @param autoscaling Kubernetes autoscaling on CPU; replaces {@code replicas}. Default: none.
 * @param resources requests and limits. Default: cpu 250m (limit 500m), memory 256Mi (limit 256Mi);
 *     a JVM usually needs more memory.
 * @param logLevel the application's log level, in the variable its framework reads. Default: {@code
 *     info}.
 * @param runAsUser numeric user and group id the container runs as, 1000–2147483647. Default:
 *     10001.
 */
public record HttpServiceProps(
    ImageRef image,
    Integer replicas,
    AutoscalingProps autoscaling,
    ResourcesProps resources,
    LogLevel logLevel,
    Integer runAsUser) {

  /** Default requests and limits: cpu 250m (limit 500m), memory 256Mi (limit 256Mi). */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(Cpu.millis(250), Memory.mebibytes(256), Cpu.millis(500), Memory.mebibytes(256));

  /**
   * Applies the defaults and checks ranges.
   *
   * @param image see {@link #image()}
   * @param replicas see {@link #replicas()}
   * @param autoscaling see {@link #autoscaling()}
   * @param resources see {@link #resources()}
   * @param logLevel see {@link #logLevel()}
   * @param runAsUser see {@link #runAsUser()}
   */
  public HttpServiceProps {
    if (image == null) {
      throw new InvalidPropException(
          "image", "missing required key \"image\"", "set image: registry/repository:tag");
    }
    replicas = Range.replicas(replicas, autoscaling);
    logLevel = logLevel == null ? LogLevel.INFO : logLevel;
    runAsUser = Range.check("runAsUser", runAsUser, 10001, 1000, Integer.MAX_VALUE);
    resources = ResourcesProps.complete(resources, DEFAULT_RESOURCES);
  }

  /**
   * Props with an image and every other default, for a stack that sets nothing else.
   *
   * @param image the image
   * @return the props
   */
  public static HttpServiceProps of(ImageRef image) {
    return new HttpServiceProps(image, null, null, null, null, null);
  }

  /** {@return requests and limits with the defaults applied} */
  public Resources effectiveResources() {
    return resources.toResources();
  }
}
