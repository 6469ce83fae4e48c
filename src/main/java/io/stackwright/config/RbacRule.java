package io.stackwright.config;

import java.util.List;

/**
 * One rule of a Kubernetes Role: the verbs allowed on some resources of some API groups.
 *
 * @param apiGroups the API groups; {@code ""} is the core group
 * @param resources the resources, plural and lower case, such as {@code pods}
 * @param verbs the verbs, such as {@code list}
 */
public record RbacRule(List<String> apiGroups, List<String> resources, List<String> verbs) {

  /**
   * Copies the lists, so that a rule cannot change after it is made.
   *
   * @param apiGroups see {@link #apiGroups()}
   * @param resources see {@link #resources()}
   * @param verbs see {@link #verbs()}
   */
  public RbacRule {
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    verbs = List.copyOf(verbs);
  }
}
