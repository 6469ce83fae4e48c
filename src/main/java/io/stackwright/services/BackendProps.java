package io.stackwright.services;

import io.stackwright.model.ImageRef;
import io.stackwright.model.Resources;

/**
 * What an environment file may set for the backend API ({@code backend:}).
 *
 * @param image the API's container image. Required; it must listen on {@link Backend#HTTP_PORT},
 *     serve {@link Backend#LIVE_PATH}, {@link Backend#READY_PATH} and Prometheus metrics on {@link
 *     Backend#METRICS_PATH}, run as a non-root user, and contain {@code wget} for the Compose
 *     health check.
 * @param replicas Kubernetes replicas, 1–100. Default: 1.
 * @param autoscaling Kubernetes autoscaling on CPU; replaces {@code replicas}. Default: none.
 * @param resources requests and limits. Default: cpu 250m (limit 500m), memory 256Mi (limit 256Mi).
 * @param logLevel passed as {@code LOG_LEVEL}. Default: {@code info}.
 * @param runAsUser numeric user and group id the container runs as, 1000–2147483647. Default:
 *     10001.
 */
public record BackendProps(
    ImageRef image,
    Integer replicas,
    AutoscalingProps autoscaling,
    ResourcesProps resources,
    LogLevel logLevel,
    Integer runAsUser) {

  /** Default requests and limits: those of any HTTP service. */
  public static final Resources DEFAULT_RESOURCES = HttpServiceProps.DEFAULT_RESOURCES;

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
  public BackendProps {
    // The backend is an HTTP service: the same keys, defaults and checks, written once.
    HttpServiceProps checked =
        new HttpServiceProps(image, replicas, autoscaling, resources, logLevel, runAsUser);
    replicas = checked.replicas();
    logLevel = checked.logLevel();
    runAsUser = checked.runAsUser();
    resources = checked.resources();
  }

  /** {@return the same settings, as any HTTP service takes them} */
  public HttpServiceProps toHttpService() {
    // replicas holds its default already; given again beside autoscaling it would be refused.
    return new HttpServiceProps(
        image, autoscaling == null ? replicas : null, autoscaling, resources, logLevel, runAsUser);
  }

  /** {@return requests and limits with the defaults applied} */
  public Resources effectiveResources() {
    return resources.toResources();
  }
}
