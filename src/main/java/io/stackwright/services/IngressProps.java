package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Exposure;
import io.stackwright.model.Memory;
import io.stackwright.model.Names;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Kubernetes Ingress in front of the edge ({@code nginx.ingress:}).
 *
 * @param host public host name, such as {@code shop.example.com}. Required.
 * @param tlsSecret Secret of type {@code kubernetes.io/tls} with the host's certificate, created
 *     outside the stack (for instance by cert-manager). Default: none, plain HTTP; set it
 *     everywhere users reach the stack over the internet.
 * @param className IngressClass. Default: {@code nginx}.
 * @param controllerNamespace namespace of the ingress controller's pods: the network policy admits
 *     traffic from there only. Default: {@code ingress-nginx}.
 */
public record IngressProps(
    String host, String tlsSecret, String className, String controllerNamespace) {
  /**
   * Applies the defaults and checks the names.
   *
   * @param host see {@link #host()}
   * @param tlsSecret see {@link #tlsSecret()}
   * @param className see {@link #className()}
   * @param controllerNamespace see {@link #controllerNamespace()}
   */
  public IngressProps {
    if (host == null) {
      throw new InvalidPropException(
          "host", "missing required key \"host\"", "set host: the public DNS name");
    }
    if (!Names.isSubdomain(host) || !host.contains(".")) {
      throw new InvalidPropException(
          "host",
          "\"" + host + "\" is not a DNS host name",
          "use lower-case labels separated by dots, such as shop.example.com");
    }
    if (tlsSecret != null && !Names.isSubdomain(tlsSecret)) {
      throw new InvalidPropException(
          "tlsSecret",
          "\"" + tlsSecret + "\" is not a valid Secret name",
          "use lower-case letters, digits, '-' and '.'");
    }
    className = className == null ? "nginx" : className;
    if (!Names.isSubdomain(className)) {
      throw new InvalidPropException(
          "className", "\"" + className + "\" is not a valid IngressClass name", "such as nginx");
    }
    controllerNamespace = controllerNamespace == null ? "ingress-nginx" : controllerNamespace;
    if (!Names.isDnsLabel(controllerNamespace)) {
      throw new InvalidPropException(
          "controllerNamespace",
          "\"" + controllerNamespace + "\" is not a valid namespace name",
          "use lower-case letters, digits and '-'");
    }
  }

  /**
   * The model's form.
   *
   * @param maxBodySize the largest request body the service behind it accepts: ingress-nginx (class
   *     {@code nginx}) refuses anything over 1 MiB unless told otherwise
   * @return the Ingress the service is exposed through
   */
  public Exposure.Ingress toIngress(Memory maxBodySize) {
    Map<String, String> annotations = new TreeMap<>();
    if (className.equals("nginx")) {
      annotations.put("nginx.ingress.kubernetes.io/proxy-body-size", maxBodySize.mebibytes() + "m");
    }
    return new Exposure.Ingress(host, tlsSecret, className, controllerNamespace, annotations);
  }
}
