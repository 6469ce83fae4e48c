package io.stackwright.services;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.Names;

/** Checks shared by the props records, with a message that says what to write instead. */
final class Range {
  private Range() {}

  /**
   * The fixed replica count of a stateless service: {@code replicas}, default 1, 1–100, unless it
   * autoscales, when setting both is an error rather than one silently winning.
   */
  static int replicas(Integer replicas, AutoscalingProps autoscaling) {
    if (replicas != null && autoscaling != null) {
      throw new InvalidPropException(
          "replicas",
          "replicas and autoscaling are both set; with autoscaling, the replica count is the"
              + " autoscaler's",
          "remove replicas, or set autoscaling.minReplicas instead");
    }
    return check("replicas", replicas, 1, 1, 100);
  }

  /**
   * A service's settings, refused when absent: a props record of one's own that leaves out the
   * service's section passes {@code null}. The key is the service's name, as the production checks
   * name its keys ({@code api.replicas}), so the synth reports it at the file when the record names
   * the section after the service, and as the stack's own mistake otherwise.
   *
   * @param service the service's name
   * @param props its settings, or {@code null}
   * @param type their type, by which the synth finds the section the file left out
   * @param needs what the section must hold at least, such as {@code its image}
   * @return the settings
   * @throws InvalidPropException when they are {@code null}
   */
  static <T> T section(String service, T props, Class<T> type, String needs) {
    if (props == null) {
      throw InvalidPropException.missingSection(service, type, needs);
    }
    return props;
  }

  /** Checks an optional StorageClass name. */
  static void storageClass(String storageClass) {
    if (storageClass != null && !Names.isSubdomain(storageClass)) {
      throw new InvalidPropException(
          "storageClass",
          "\"" + storageClass + "\" is not a valid StorageClass name",
          "use lower-case letters, digits, '-' and '.'");
    }
  }

  /** Returns {@code value}, or {@code fallback} when it is null, after checking the range. */
  static int check(String key, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new InvalidPropException(
          key,
          key + " must be between " + min + " and " + max + ", got " + v,
          "use a value in range");
    }
    return v;
  }
}
