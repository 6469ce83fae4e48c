package io.stackwright.validate.policy;

import io.stackwright.render.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The probers of a Compose file: services labelled {@value Labels#READINESS_OF} with the name of
 * the service whose readiness each tests from beside it, as the model renders them for an image
 * without {@code wget} ({@code io.stackwright.model.ComposeHealthCheck.Prober}). Rules that need a
 * health check of every service ({@link Probes}) and {@link Parity} read them through this one
 * class.
 */
final class ComposeProbers {

  private ComposeProbers() {}

  /**
   * The probers of each service, by the name of the service they test.
   *
   * @param composeServices the Compose file's services, by name
   * @return the names of each service's probers, sorted, by service name, sorted
   */
  static Map<String, List<String>> byTarget(Map<String, Object> composeServices) {
    Map<String, List<String>> out = new TreeMap<>();
    new TreeMap<>(composeServices)
        .forEach(
            (name, service) -> {
              String target = target(service);
              if (target != null) {
                out.computeIfAbsent(target, key -> new ArrayList<>()).add(name);
              }
            });
    return out;
  }

  /**
   * The service a Compose service is the prober of.
   *
   * @param service a Compose service
   * @return the name its label gives, or {@code null} when it is no prober
   */
  static String target(Object service) {
    Object labels = Nodes.at(service, "labels");
    if (labels instanceof Map<?, ?> map) {
      Object value = map.get(Labels.READINESS_OF);
      return value == null ? null : String.valueOf(value);
    }
    for (Object item : Nodes.list(labels)) {
      String[] parts = String.valueOf(item).split("=", 2);
      if (parts[0].equals(Labels.READINESS_OF) && parts.length > 1) {
        return parts[1];
      }
    }
    return null;
  }

  /**
   * Whether a Compose service runs a health check: one with a test that is not disabled.
   *
   * @param service a Compose service
   * @return true when it has an enabled test
   */
  static boolean checksHealth(Object service) {
    Object healthcheck = Nodes.at(service, "healthcheck");
    List<?> test = Nodes.list(healthcheck, "test");
    boolean disabled =
        Nodes.isTrue(healthcheck, "disable") || (!test.isEmpty() && "NONE".equals(test.get(0)));
    return !Nodes.isEmpty(healthcheck) && !disabled;
  }
}
