package io.stackwright.services;

import io.stackwright.config.EdgeSettings;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Cpu;
import io.stackwright.model.ImageRef;
import io.stackwright.model.Memory;
import io.stackwright.model.Names;
import io.stackwright.model.RateLimit;
import io.stackwright.model.Resources;
import java.util.List;

/**
 * What an environment file may set for the edge ({@code nginx:}). Every key is optional.
 *
 * @param image container image. Default: {@value Nginx#DEFAULT_IMAGE}, the unprivileged variant,
 *     which runs as uid 101 and listens on 8080: the official image starts as root to bind port 80.
 * @param replicas Kubernetes replicas, 1–100. Default: 1.
 * @param autoscaling Kubernetes autoscaling; replaces {@code replicas}. Default: none.
 * @param resources requests and limits. Default: cpu 100m (limit 500m), memory 64Mi (limit 128Mi).
 * @param hostPort Compose: the stack's one published port, on {@code 127.0.0.1}, 1024–65535.
 *     Default: 8080.
 * @param rateLimitPerSecond requests per second one client address may make to the API, 1–100000:
 *     the shop's {@code /api/} route, or any route given {@link #apiRateLimit()}. Default: 20.
 * @param rateLimitBurst requests above the rate a client may make at once before getting 429,
 *     0–100000. Default: twice the rate.
 * @param maxBodySize largest request body accepted, unless a route sets its own. Default: {@code
 *     10Mi}.
 * @param contentSecurityPolicy the {@code Content-Security-Policy} header. Default: same-origin
 *     only, no framing, no plugins.
 * @param ingress Kubernetes: an Ingress with this host (and certificate). Default: none.
 * @param trustedProxies addresses (CIDR) whose {@code X-Forwarded-For} is believed, so that the
 *     rate limit counts clients rather than the proxy in front: the ingress controller pods'
 *     address range. Required with {@code ingress}, since every client would otherwise share the
 *     controller's rate-limit bucket; trust no wider range than the controller's, or clients can
 *     choose their own address. Default: none.
 */
public record NginxProps(
    ImageRef image,
    Integer replicas,
    AutoscalingProps autoscaling,
    ResourcesProps resources,
    Integer hostPort,
    Integer rateLimitPerSecond,
    Integer rateLimitBurst,
    Memory maxBodySize,
    String contentSecurityPolicy,
    IngressProps ingress,
    List<String> trustedProxies) {

  /** Default requests and limits. */
  public static final Resources DEFAULT_RESOURCES =
      new Resources(Cpu.millis(100), Memory.mebibytes(64), Cpu.millis(500), Memory.mebibytes(128));

  /** {@return the API's per-client rate limit: {@code rateLimitPerSecond} with its burst} */
  public RateLimit apiRateLimit() {
    return RateLimit.perSecond(rateLimitPerSecond, rateLimitBurst);
  }

  /** {@return every key at its default, as for a missing section} */
  public static NginxProps defaults() {
    return new NginxProps(null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Applies the defaults and checks ranges; the generated configuration checks the text.
   *
   * @param image see {@link #image()}
   * @param replicas see {@link #replicas()}
   * @param autoscaling see {@link #autoscaling()}
   * @param resources see {@link #resources()}
   * @param hostPort see {@link #hostPort()}
   * @param rateLimitPerSecond see {@link #rateLimitPerSecond()}
   * @param rateLimitBurst see {@link #rateLimitBurst()}
   * @param maxBodySize see {@link #maxBodySize()}
   * @param contentSecurityPolicy see {@link #contentSecurityPolicy()}
   * @param ingress see {@link #ingress()}
   * @param trustedProxies see {@link #trustedProxies()}
   */
  public NginxProps {
    image = image == null ? ImageRef.parse(Nginx.DEFAULT_IMAGE) : image;
    replicas = Range.replicas(replicas, autoscaling);
    resources = ResourcesProps.complete(resources, DEFAULT_RESOURCES);
    hostPort = Range.check("hostPort", hostPort, 8080, 1024, 65535);
    rateLimitPerSecond = Range.check("rateLimitPerSecond", rateLimitPerSecond, 20, 1, 100000);
    rateLimitBurst =
        Range.check("rateLimitBurst", rateLimitBurst, 2 * rateLimitPerSecond, 0, 100000);
    maxBodySize = maxBodySize == null ? Memory.mebibytes(10) : maxBodySize;
    contentSecurityPolicy =
        contentSecurityPolicy == null
            ? EdgeSettings.DEFAULT_CONTENT_SECURITY_POLICY
            : contentSecurityPolicy;
    // Checked here too, so that a bad policy is reported at its line as bad input.
    EdgeSettings.checkContentSecurityPolicy(contentSecurityPolicy);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    for (String cidr : trustedProxies) {
      if (!Names.isCidr(cidr)) {
        throw new InvalidPropException(
            "trustedProxies",
            "\"" + cidr + "\" is not an address range",
            "write CIDR notation, such as 10.244.0.0/16");
      }
    }
    if (ingress != null && trustedProxies.isEmpty()) {
      throw new InvalidPropException(
          "trustedProxies",
          "behind an Ingress every request comes from the ingress controller, so the per-client"
              + " rate limit would count all clients as one",
          "set trustedProxies to the ingress controller pods' address range, such as"
              + " [10.244.0.0/16]");
    }
  }
}
