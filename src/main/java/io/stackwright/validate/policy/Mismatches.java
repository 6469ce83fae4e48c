package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mismatches {@link Parity} finds in a Compose service, each naming the Compose file, the
 * service ({@code ComposeService/<name>}) and its field ({@code services.<name>.<field>}).
 */
final class Mismatches {
  private final String file;
  private final List<Violation> found = new ArrayList<>();

  Mismatches(String file) {
    this.file = file;
  }

  /** {@return the mismatches found, in the order found} */
  List<Violation> list() {
    return List.copyOf(found);
  }

  /** Adds a mismatch of {@code field} of the Compose service {@code service}. */
  Mismatches add(String service, String field, String message) {
    found.add(
        new Violation(
            file, "ComposeService/" + service, "services." + service + "." + field, message));
    return this;
  }

  /** Adds a mismatch when the two targets give {@code what} different members. */
  Mismatches differ(
      String service, String field, String what, Set<String> kubernetes, Set<String> compose) {
    Set<String> onlyKubernetes = new TreeSet<>(kubernetes);
    onlyKubernetes.removeAll(compose);
    Set<String> onlyCompose = new TreeSet<>(compose);
    onlyCompose.removeAll(kubernetes);
    if (onlyKubernetes.isEmpty() && onlyCompose.isEmpty()) {
      return this;
    }
    List<String> parts = new ArrayList<>();
    if (!onlyKubernetes.isEmpty()) {
      parts.add("only on Kubernetes: " + String.join(", ", onlyKubernetes));
    }
    if (!onlyCompose.isEmpty()) {
      parts.add("only in Compose: " + String.join(", ", onlyCompose));
    }
    return add(
        service,
        field,
        what
            + " differ ("
            + String.join("; ", parts)
            + "); both targets come from one"
            + " model, so fix the renderer or the object added as it is");
  }

  /** Adds a mismatch when the two targets give {@code what} different values. */
  Mismatches same(
      String service, String field, String what, List<String> kubernetes, List<String> compose) {
    if (!kubernetes.equals(compose)) {
      add(service, field, what + " differs: Kubernetes " + kubernetes + ", Compose " + compose);
    }
    return this;
  }
}
