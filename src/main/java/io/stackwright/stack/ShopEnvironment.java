package io.stackwright.stack;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Names;
import io.stackwright.services.BackendProps;
import io.stackwright.services.PostgresProps;

/**
 * The root of an environment file of the shop stack ({@code environments/<env>.yaml}).
 *
 * @param namespace Kubernetes namespace, a DNS label other than {@code default} and {@code kube-*}.
 *     Default: {@code shop-<env>}.
 * @param backend the backend API. Required.
 * @param postgres PostgreSQL. Default: every {@link PostgresProps} default.
 */
public record ShopEnvironment(String namespace, BackendProps backend, PostgresProps postgres) {

  /** Applies the defaults and checks the namespace. */
  public ShopEnvironment {
    if (namespace != null && !Names.isDnsLabel(namespace)) {
      throw new InvalidPropException(
          "namespace",
          "\"" + namespace + "\" is not a valid namespace name",
          "use lower-case letters, digits and '-', starting with a letter, at most 63 characters");
    }
    if (namespace != null && Names.isReservedNamespace(namespace)) {
      throw new InvalidPropException(
          "namespace",
          "\"" + namespace + "\" belongs to the cluster, not to a stack",
          "use a namespace of the stack's own, such as shop-<env>");
    }
    if (backend == null) {
      throw new InvalidPropException(
          "backend", "missing required key \"backend\"", "add a backend: section with an image");
    }
    postgres =
        postgres == null ? new PostgresProps(null, null, null, null, null, null, null) : postgres;
  }
}
