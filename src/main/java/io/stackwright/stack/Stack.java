package io.stackwright.stack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ClusterNetwork;
import io.stackwright.model.Patch;
import io.stackwright.model.RawObject;
import io.stackwright.model.ServiceModel;
import io.stackwright.model.StackModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The scope services are added to while a stack is defined for one environment. Services take it as
 * their first constructor argument and add their model to it.
 */
public final class Stack {
  private final String name;
  private final String environment;
  private final String namespace;
  private final boolean development;

  /**
   * A service as added: its model, or what makes its model from all the other services.
   *
   * @param model the model, or {@code null}
   * @param last what makes it, or {@code null}
   * @param origin the props it was made from, or {@code null}
   */
  private record Entry(
      ServiceModel model, Function<List<ServiceModel>, ServiceModel> last, Origin origin) {}

  /**
   * The props record of the environment's settings a service was made from.
   *
   * @param props the record
   * @param keys the record's key for each key of the service's model, {@code null} for none
   */
  private record Origin(Record props, UnaryOperator<String> keys) {
    Origin {
      Objects.requireNonNull(props, "props");
      Objects.requireNonNull(keys, "keys");
    }
  }

  private final List<Entry> services = new ArrayList<>();
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
   * @param service the service's model
   */
  public void add(ServiceModel service) {
    services.add(new Entry(Objects.requireNonNull(service, "service"), null, null));
  }

  /**
   * Adds a service's model made from a props record of the environment's settings, so that a rule
   * of the stack that refuses one of its values (one replica outside development) is reported at
   * that value's key path in the environment file, wherever the stack's own settings hold the
   * record.
   *
   * @param service the service's model
   * @param props the record its values come from
   * @param keys the record's dotted key for a key of the model ({@code replicas}, {@code
   *     ingress.tlsSecret}), or {@code null} when the record does not set that value; {@code
   *     UnaryOperator.identity()} when the two agree
   */
  public void add(ServiceModel service, Record props, UnaryOperator<String> keys) {
    services.add(
        new Entry(Objects.requireNonNull(service, "service"), null, new Origin(props, keys)));
  }

  /**
   * Adds a service whose model depends on every other service of the stack, made when the stack is
   * finished ({@link #toModel}), so that services may be added in any order: Prometheus, whose
   * scrape targets are the services that serve metrics, added before or after them.
   *
   * @param service makes the service's model from the models of all the other services, in order
   */
  public void addLast(Function<List<ServiceModel>, ServiceModel> service) {
    services.add(new Entry(null, Objects.requireNonNull(service, "service"), null));
  }

  /**
   * Like {@link #addLast(Function)}, for a service made from a props record of the environment's
   * settings (see {@link #add(ServiceModel, Record, UnaryOperator)}).
   *
   * @param service makes the service's model from the models of all the other services, in order
   * @param props the record its values come from
   * @param keys the record's dotted key for a key of the model, or {@code null} when the record
   *     does not set that value
   */
  public void addLast(
      Function<List<ServiceModel>, ServiceModel> service,
      Record props,
      UnaryOperator<String> keys) {
    services.add(
        new Entry(null, Objects.requireNonNull(service, "service"), new Origin(props, keys)));
  }

  /**
   * Declares the service that scrapes every service's metrics; at most one per stack.
   *
   * @param service its name
   */
  public void scrapedBy(String service) {
    if (metricsScraper != null) {
      throw new IllegalArgumentException("metrics are already scraped by " + metricsScraper);
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

  /**
   * {@return the services added so far, in order: those made from all the others ({@link #addLast})
   * are made now, from the others added so far}
   */
  public List<ServiceModel> services() {
    return resolve();
  }

  /** Every service's model, in order; each one added last made from all the others. */
  private List<ServiceModel> resolve() {
    List<ServiceModel> others =
        services.stream().map(Entry::model).filter(Objects::nonNull).toList();
    return services.stream()
        .map(entry -> entry.model() != null ? entry.model() : entry.last().apply(others))
        .toList();
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
   * field cdk8s-plus does not set). The change runs on the object as a Jackson {@link ObjectNode}
   * after rendering and before the validation gate, so the result must still pass every check; a
   * patch that matches no object, or leaves a value other than objects, arrays, text, numbers,
   * booleans and null, fails the synth. See {@link Patch} for typed access by JSON pointer:
   *
   * <pre>{@code
   * stack.patchKubernetes("Deployment", "worker",
   *     d -> d.withObject("/spec/template/spec").put("terminationGracePeriodSeconds", 120));
   * }</pre>
   *
   * @param kind the object's kind, such as {@code Deployment}
   * @param name its {@code metadata.name}
   * @param change changes the object in place
   */
  public void patchKubernetes(String kind, String name, Consumer<ObjectNode> change) {
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
   * @param change changes the service's object in place, such as {@code s ->
   *     s.put("stop_grace_period", "30s")}
   */
  public void patchCompose(String service, Consumer<ObjectNode> change) {
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

  /**
   * The finished, checked model.
   *
   * @return the model
   * @throws InvalidPropException when a rule of the model refuses a value; one of a service made
   *     from a props record is owned by that record ({@link InvalidPropException#owner()}), under
   *     the record's key
   */
  public StackModel toModel() {
    List<ServiceModel> models = resolve();
    try {
      return new StackModel(
          name,
          environment,
          namespace,
          development,
          models,
          metricsScraper,
          network,
          rawObjects,
          patches);
    } catch (InvalidPropException e) {
      throw ofProps(e, models);
    }
  }

  /**
   * The rejection of a service's value, as one of the props record the service was made from; any
   * other rejection as it is.
   */
  private InvalidPropException ofProps(InvalidPropException e, List<ServiceModel> models) {
    for (int i = 0; i < models.size(); i++) {
      Origin origin = services.get(i).origin();
      if (origin != null && e.owner() == models.get(i) && e.prop() != null) {
        String key = origin.keys().apply(e.prop());
        return key == null ? e : e.ownedBy(origin.props(), key);
      }
    }
    return e;
  }
}
