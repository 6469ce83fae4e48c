package io.stackwright.model;

import java.util.List;

/**
 * Access a service needs to the Kubernetes API in its own namespace: one rule of a namespaced Role
 * bound to the service's own ServiceAccount. A service without any gets no token at all.
 *
 * @param apiGroups API groups ({@code ""} for the core group)
 * @param resources resource types, plural
 * @param verbs allowed verbs
 */
public record ApiAccess(List<String> apiGroups, List<String> resources, List<String> verbs) {
  /**
   * Copies the lists; none may be empty, and {@code *} is refused to keep access least.
   *
   * @param apiGroups see {@link #apiGroups()}
   * @param resources see {@link #resources()}
   * @param verbs see {@link #verbs()}
   */
  public ApiAccess {
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    verbs = List.copyOf(verbs);
    if (apiGroups.isEmpty() || resources.isEmpty() || verbs.isEmpty()) {
      throw new IllegalArgumentException("an API access rule needs groups, resources and verbs");
    }
    for (List<String> list : List.of(apiGroups, resources, verbs)) {
      if (list.contains("*")) {
        throw new IllegalArgumentException("API access must name what it needs, not *");
      }
    }
  }
}
