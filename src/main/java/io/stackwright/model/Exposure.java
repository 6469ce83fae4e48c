package io.stackwright.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a service is reached from outside the stack.
 *
 * @param hostPort Compose: publish the main port on {@code 127.0.0.1:<hostPort>}, or {@code null}
 * @param ingress Kubernetes: an Ingress to the main port, or {@code null}
 */
public record Exposure(Integer hostPort, Ingress ingress) {

  /**
   * A Kubernetes Ingress with TLS terminated by the ingress controller.
   *
   * @param host public host name
   * @param tlsSecret Secret of type {@code kubernetes.io/tls} holding the certificate, created
   *     outside the stack (for instance by cert-manager), or {@code null} for plain HTTP
   * @param className IngressClass
   * @param controllerNamespace namespace of the ingress controller's pods, the only source the
   *     network policy admits
   * @param annotations settings for the ingress controller, such as its body-size limit
   */
  public record Ingress(
      String host,
      String tlsSecret,
      String className,
      String controllerNamespace,
      Map<String, String> annotations) {
    /**
     * Checks the names.
     *
     * @param host see {@link #host()}
     * @param tlsSecret see {@link #tlsSecret()}
     * @param className see {@link #className()}
     * @param controllerNamespace see {@link #controllerNamespace()}
     * @param annotations see {@link #annotations()}
     */
    public Ingress {
      if (!Names.isSubdomain(host) || !host.contains(".")) {
        throw new IllegalArgumentException("ingress host \"" + host + "\" must be a DNS name");
      }
      if (tlsSecret != null && !Names.isSubdomain(tlsSecret)) {
        throw new IllegalArgumentException("\"" + tlsSecret + "\" is not a Secret name");
      }
      if (!Names.isSubdomain(className)) {
        throw new IllegalArgumentException("\"" + className + "\" is not an IngressClass name");
      }
      if (!Names.isDnsLabel(controllerNamespace)) {
        throw new IllegalArgumentException("\"" + controllerNamespace + "\" is not a namespace");
      }
      annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** {@return whether clients reach it over HTTPS} */
    public boolean tls() {
      return tlsSecret != null;
    }
  }
}
