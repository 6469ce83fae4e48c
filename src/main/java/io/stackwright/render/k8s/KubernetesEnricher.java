package io.stackwright.render.k8s;

import io.stackwright.model.ScheduledJob;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;

/**
 * The Kubernetes half of one cross-cutting default, such as the hardening or the probes of every
 * pod: it adds its part to each workload as it is built, so that {@link KubernetesRenderer} and
 * {@link Workloads} themselves only assemble what the model says a service runs. Each default, with
 * its Compose half and the policy rule that checks it, is a class of {@code
 * io.stackwright.render.enrich}.
 *
 * <p>The two hooks every workload goes through are abstract, so that a default with nothing to add
 * to a scheduled job says so.
 */
public interface KubernetesEnricher {

  /**
   * Adds this default's stack-wide part: the namespace's labels, objects of the namespace's file or
   * of a file of their own.
   *
   * @param stack the stack
   * @param out the stack-wide objects, being built; nothing is added by default
   */
  default void enrichStack(StackModel stack, StackParts out) {}

  /**
   * Adds this default's part to the workload of {@code service} (a Deployment or a StatefulSet):
   * its pod template, its container, and the objects of its file.
   *
   * @param stack the stack the service belongs to
   * @param service the service, as the model describes it
   * @param out its workload, being built
   */
  void enrichWorkload(StackModel stack, ServiceModel service, WorkloadParts out);

  /**
   * Adds this default's part to the CronJob of {@code owner}'s scheduled {@code job}.
   *
   * @param stack the stack the service belongs to
   * @param owner the service the job belongs to
   * @param job the job
   * @param out its CronJob, being built
   */
  void enrichJob(StackModel stack, ServiceModel owner, ScheduledJob job, WorkloadParts out);
}
