package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One service as the two targets run it, read back from their files: the Kubernetes workload and
 * its first container, the Compose service, and what {@link Parity}'s comparisons of it need of the
 * rest of the environment.
 *
 * @param input the environment's output
 * @param workload the Kubernetes workload
 * @param container its first container, or an empty map
 * @param service the Compose service of the same name
 * @param composeServices every Compose service, by name
 * @param composeFile the Compose file's path, for the mismatches
 * @param workloadNames the names of every workload Stackwright made
 * @param probers the probers of each service, by the service's name
 */
record ServicePair(
    PolicyInput input,
    KubeObject workload,
    Map<String, Object> container,
    Object service,
    Map<String, Object> composeServices,
    String composeFile,
    Set<String> workloadNames,
    Map<String, List<String>> probers) {

  /** {@return the service's name: the workload's and the Compose service's} */
  String name() {
    return workload.name();
  }

  /** {@return the Compose services that test the readiness of {@code name} from beside it} */
  List<String> probersOf(String name) {
    return probers.getOrDefault(name, List.of());
  }

  /** {@return a new, empty list of mismatches in this service's Compose file} */
  Mismatches mismatches() {
    return new Mismatches(composeFile);
  }

  /** The items as text, with Compose's {@code $$} (a literal {@code $}) undone. */
  static List<String> texts(List<?> items) {
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      out.add(String.valueOf(item).replace("$$", "$"));
    }
    return out;
  }

  /** The networks a Compose service names, in either of Compose's forms. */
  static Set<String> networks(Object service) {
    Object networks = Nodes.at(service, "networks");
    Set<String> names = new TreeSet<>();
    if (networks instanceof Map<?, ?> map) {
      map.keySet().forEach(k -> names.add(String.valueOf(k)));
    } else if (networks instanceof List<?> list) {
      names.addAll(texts(list));
    }
    return names;
  }

  /** The networks a Compose service joins: those it names, or else Compose's {@code default}. */
  static Set<String> joined(Object service) {
    Set<String> names = networks(service);
    return names.isEmpty() ? new TreeSet<>(Set.of("default")) : names;
  }
}
