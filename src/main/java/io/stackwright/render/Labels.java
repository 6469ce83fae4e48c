package io.stackwright.render;

import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels every object of a service carries: Kubernetes' recommended {@code app.kubernetes.io/*}
 * labels plus the environment. Only the name and the instance select pods, because a Deployment's
 * selector cannot change after it is created.
 */
public final class Labels {
  /** The label naming a service's pods, which selects them with the instance. */
  public static final String NAME = "app.kubernetes.io/name";

  /** Label with the environment's name. */
  public static final String ENVIRONMENT = "stackwright.io/environment";

  /** Annotation (Kubernetes) or label (Compose) giving why a root filesystem is writable. */
  public static final String WRITABLE_ROOT = "stackwright.io/writable-root-reason";

  /**
   * Label of a Compose prober (see {@link io.stackwright.model.ComposeHealthCheck.Prober}), naming
   * the service whose readiness it tests.
   */
  public static final String READINESS_OF = "stackwright.io/readiness-of";

  private Labels() {}

  /**
   * Labels that select the pods of {@code service}: stable for the life of the service.
   *
   * @param stack the stack
   * @param service the service
   * @return the labels, by key
   */
  public static Map<String, String> selector(StackModel stack, ServiceModel service) {
    return Map.of(NAME, service.name(), "app.kubernetes.io/instance", stack.name());
  }

  /**
   * Every label of an object of {@code service}.
   *
   * @param stack the stack
   * @param service the service
   * @return the labels, by key
   */
  public static Map<String, String> of(StackModel stack, ServiceModel service) {
    Map<String, String> labels = new TreeMap<>(stackWide(stack));
    labels.putAll(selector(stack, service));
    labels.put("app.kubernetes.io/component", service.component());
    return labels;
  }

  /**
   * Labels that select the pods of a scheduled job of {@code service}.
   *
   * @param stack the stack
   * @param service the service the job belongs to
   * @param job the job
   * @return the labels, by key
   */
  public static Map<String, String> jobSelector(
      StackModel stack, ServiceModel service, ScheduledJob job) {
    return Map.of(
        NAME, service.name() + "-" + job.name(), "app.kubernetes.io/instance", stack.name());
  }

  /**
   * Every label of an object of a scheduled job of {@code service}.
   *
   * @param stack the stack
   * @param service the service the job belongs to
   * @param job the job
   * @return the labels, by key
   */
  public static Map<String, String> ofJob(
      StackModel stack, ServiceModel service, ScheduledJob job) {
    Map<String, String> labels = new TreeMap<>(stackWide(stack));
    labels.putAll(jobSelector(stack, service, job));
    labels.put("app.kubernetes.io/component", job.name());
    return labels;
  }

  /**
   * Labels of objects that belong to the stack as a whole (the namespace, shared secrets).
   *
   * @param stack the stack
   * @return the labels, by key
   */
  public static Map<String, String> stackWide(StackModel stack) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("app.kubernetes.io/part-of", stack.name());
    labels.put("app.kubernetes.io/managed-by", "stackwright");
    labels.put(ENVIRONMENT, stack.environment());
    return labels;
  }
}
