package io.stackwright.model;

/**
 * A typed reference to a port of another service: what a client needs to connect, resolved per
 * target when rendered.
 *
 * @param service the service's name
 * @param port its port number
 */
public record Endpoint(String service, int port) {

  /** {@return the host, as a value that each renderer resolves to that target's address} */
  public EnvValue host() {
    return new EnvValue.ServiceHost(service);
  }

  /**
   * The host on Kubernetes, for generated files that name it: the Service's DNS name in the
   * namespace, as environment values resolve to.
   *
   * @param namespace the stack's namespace
   * @return {@code <service>.<namespace>.svc}
   */
  public String kubernetesHost(String namespace) {
    return service + "." + namespace + ".svc";
  }

  /** {@return the host in Compose, for generated files that name it: the service's name} */
  public String composeHost() {
    return service;
  }

  /** {@return the port, as a literal value} */
  public EnvValue portValue() {
    return EnvValue.of(port);
  }
}
