package io.stackwright.stack;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Names;
import io.stackwright.services.BackendProps;
import io.stackwright.services.PostgresProps;

/**
 * The root of an environment file of the shop stack ({@code environments/<env>.yaml}).
 *
 * @param namespace Kubernetes namespace, a DNS label. Default: {@code shop-<env>}.
 * @param development a developer's environment: secrets get generated values, marked as such, that
 *     are written into {@code dist/}. Default: {@code false}, where secrets are only referenced and
 *     must exist outside the repository.
 * @param backend the backend API. Required.
 * @param postgres PostgreSQL. Default: every {@link PostgresProps} default.
 */
public record ShopEnvironment(
    String namespace, Boolean development, BackendProps backend, PostgresProps postgres) {

  /** Applies the defaults and checks the namespace. */
  public ShopEnvironment {
    if (namespace != null && !Names.isDnsLabel(namespace)) {
      throw new InvalidPropException(
          "namespace",
          "\"" + namespace + "\" is not a valid namespace name",
          "use lower-case letters, digits and '-', starting with a letter, at most 63 characters");
    }
    development = development != null && development;
    if (backend == null) {
      throw new InvalidPropException(
          "backend", "missing required key \"backend\"", "add a backend: section with an image");
    }
    postgres =
        postgres == null ? new PostgresProps(null, null, null, null, null, null, null) : postgres;
  }
}
