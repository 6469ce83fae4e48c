package io.stackwright.stack;

import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.Patch;
import io.stackwright.model.RawObject;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scope services are added to while a stack is defined for one environment. Services take it as
 * their first constructor argument and add their model to it.
 */
public final class Stack {
  private final String name;
  private final String environment;
  private final String namespace;
  private final boolean development;
  private final List<ServiceModel> services = new ArrayList<>();
  private String metricsScraper;
  private ClusterNetwork network = ClusterNetwork.DEFAULT;
  private final List<RawObject> rawObjects = new ArrayList<>();
  private final List<Patch> patches = new ArrayList<>();

  /**
   * Starts an empty stack.
   *
   * @param name stack name, a DNS label
   * @param environment environment name
   * @param namespace Kubernetes namespace
   * @param development whether secrets get generated development values (see {@link
   *     StackModel#development()})
   */
  public Stack(String name, String environment, String namespace, boolean development) {
    this.name = name;
    this.environment = environment;
    this.namespace = namespace;
    this.development = development;
  }

  /**
   * Adds a service's model.
   *
   * @param service the service's model; a service with metrics must come before Prometheus, which
   *     scrapes only the services present when it is added
   */
  public void add(ServiceModel service) {
    // The scraper's targets are generated from the services present when it is added; a later
    // service with metrics would be allowed through the network policy but never scraped.
    if (metricsScraper != null
        && service.metrics() != null
        && !service.name().equals(metricsScraper)) {
      throw new IllegalStateException(
          "service "
              + service.name()
              + " declares metrics but is added after "
              + metricsScraper
              + ", which scrapes the services present when it is added; add "
              + service.name()
              + " before "
              + metricsScraper);
    }
    services.add(service);
  }

  /**
   * Declares the service that scrapes every service's metrics; at most one per stack.
   *
   * @param service its name
   */
  public void scrapedBy(String service) {
    if (metricsScraper != null) {
      throw new IllegalStateException("metrics are already scraped by " + metricsScraper);
    }
    metricsScraper = service;
  }

  /**
   * Sets the cluster's network facts. Default: {@link ClusterNetwork#DEFAULT}.
   *
   * @param network the cluster's DNS and API server addresses
   */
  public void network(ClusterNetwork network) {
    this.network = network;
  }

  /** {@return the services added so far, in order} */
  public List<ServiceModel> services() {
    return List.copyOf(services);
  }

  /** {@return the Kubernetes namespace} */
  public String namespace() {
    return namespace;
  }

  /**
   * Adds a Kubernetes object as it is, for what the service model does not describe. It is written
   * to {@code dist/<env>/99-raw.yaml}, sorted with the other raw objects by kind and name, and is
   * checked by the validation gate like every other object. Nothing is added to it: give it its
   * {@code metadata.namespace} (usually the stack's) unless it is cluster-wide.
   *
   * @param object the object, with {@code apiVersion}, {@code kind} and {@code metadata.name};
   *     copied, so later changes to the map do not reach the output
   * @throws IllegalArgumentException when one of those is missing
   */
  public void addRawObject(Map<String, ?> object) {
    rawObjects.add(new RawObject(new LinkedHashMap<>(object)));
  }

  /**
   * Changes a rendered Kubernetes object, for what the model does not describe (an annotation, a
   * field cdk8s-plus does not set). The change runs on the object as a map after rendering and
   * before the validation gate, so the result must still pass every check; a patch that matches no
   * object, or leaves a value other than maps with text keys, lists, text, numbers, booleans and
   * null, fails the synth.
   *
   * @param kind the object's kind, such as {@code Deployment}
   * @param name its {@code metadata.name}
   * @param change changes the object in place
   */
  public void patchKubernetes(String kind, String name, Consumer<Map<String, Object>> change) {
    if (Patch.COMPOSE_SERVICE.equals(kind)) {
      throw new IllegalArgumentException("patch a Compose service with patchCompose");
    }
    patches.add(new Patch(kind, name, change));
  }

  /**
   * Changes a rendered Compose service, for what the model does not describe. Like {@link
   * #patchKubernetes}, it runs before the validation gate, and must match a service; the gate
   * refuses a service it leaves less confined than its pod (rule {@code pod-security-restricted}).
   * Values it adds are written literally: a {@code $} is escaped, never interpolated by Compose.
   *
   * @param service the Compose service's name
   * @param change changes the service's map in place
   */
  public void patchCompose(String service, Consumer<Map<String, Object>> change) {
    patches.add(new Patch(Patch.COMPOSE_SERVICE, service, change));
  }

  /** {@return the environment being synthesized} */
  public String environment() {
    return environment;
  }

  /** {@return whether this is a development environment} */
  public boolean development() {
    return development;
  }

  /** {@return the finished, checked model} */
  public StackModel toModel() {
    return new StackModel(
        name,
        environment,
        namespace,
        development,
        services,
        metricsScraper,
        network,
        rawObjects,
        patches);
  }
}
