package io.stackwright.shop;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.AddressRanges;
import io.stackwright.model.ImageRef;
import io.stackwright.services.Backend;
import io.stackwright.services.DevTools;
import io.stackwright.services.DevToolsProps;
import io.stackwright.services.Frontend;
import io.stackwright.services.Nginx;
import io.stackwright.services.Postgres;
import io.stackwright.services.Prometheus;
import io.stackwright.services.Redis;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The flagship stack: an edge (nginx) in front of a single-page app and a backend API, which uses
 * PostgreSQL and Redis; Prometheus scrapes what exposes metrics. A development environment adds a
 * database UI and a Redis UI to its Compose file.
 */
public final class ShopStack implements StackDefinition<ShopEnvironment> {

  /** The stack's name: {@code app.kubernetes.io/part-of} and the namespace prefix. */
  public static final String NAME = "shop";

  @Override
  public Class<ShopEnvironment> propsType() {
    return ShopEnvironment.class;
  }

  /**
   * Outside development: every image pinned (a tag other than {@code latest}, or a digest), no
   * development tools, and no trusted proxies or API server addresses that span the internet unless
   * the file waives the rule {@code bounded-address-ranges}, whose finding then names the object.
   */
  @Override
  public List<InvalidPropException> check(String environment, ShopEnvironment props) {
    List<InvalidPropException> problems = new ArrayList<>();
    if (isDevelopment(environment)) {
      return problems;
    }
    Map<String, ImageRef> images = new LinkedHashMap<>();
    images.put("backend.image", props.backend().image());
    images.put("frontend.image", props.frontend().image());
    images.put("postgres.image", props.postgres().image());
    images.put("redis.image", props.redis().image());
    images.put("nginx.image", props.nginx().image());
    images.put("prometheus.image", props.prometheus().image());
    images.forEach(
        (key, image) -> {
          if (!image.isPinned()) {
            problems.add(
                new InvalidPropException(
                    key,
                    "image "
                        + image
                        + " is not pinned; outside development every image needs a tag other"
                        + " than latest, or a digest, so that what runs is what was reviewed",
                    "give it a version tag, such as " + image.name() + ":1.4.2, or a digest"));
          }
        });
    boolean waived =
        props.waivers().stream().anyMatch(w -> w.rule().equals("bounded-address-ranges"));
    Map<String, List<String>> ranges = new LinkedHashMap<>();
    ranges.put("nginx.trustedProxies", props.nginx().trustedProxies());
    ranges.put("cluster.apiServerCidrs", props.cluster().apiServerCidrs());
    ranges.forEach(
        (key, list) -> {
          String problem = AddressRanges.problem(list);
          if (problem != null && !waived) {
            problems.add(
                new InvalidPropException(
                    key,
                    "these addresses "
                        + problem
                        + ": outside development that opens the stack to the internet",
                    "name the addresses themselves, or waive the rule bounded-address-ranges"
                        + " for the object the report names, with a reason"));
          }
        });
    if (props.devTools() != null) {
      problems.add(
          new InvalidPropException(
              "devTools",
              "development tools are for development environments (dev, dev-*) only",
              "remove the devTools section"));
    }
    return problems;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** {@inheritDoc} The file's {@code namespace}, if it sets one. */
  @Override
  public String namespace(String environment, ShopEnvironment props) {
    return props.namespace() != null ? props.namespace() : NAME + "-" + environment;
  }

  @Override
  public void define(Stack stack, ShopEnvironment props) {
    stack.network(props.cluster().toNetwork());
    Postgres postgres = new Postgres(stack, props.postgres());
    Redis redis = new Redis(stack, props.redis());
    Backend backend = new Backend(stack, props.backend(), postgres, redis);
    Frontend frontend = new Frontend(stack, props.frontend());
    new Nginx(stack, props.nginx(), frontend, backend);
    if (stack.development()) {
      DevToolsProps tools = props.devTools() != null ? props.devTools() : DevToolsProps.defaults();
      new DevTools(stack, tools, postgres, redis);
    } else if (props.devTools() != null) {
      throw new InvalidPropException(
          "devTools",
          "development tools are for development environments (dev, dev-*) only",
          "remove the devTools section");
    }
    new Prometheus(stack, props.prometheus());
  }
}
