package io.stackwright.synth;

import io.stackwright.env.InvalidPropException;
import io.stackwright.services.ClusterProps;
import io.stackwright.services.HttpService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.services.Nginx;
import io.stackwright.services.NginxProps;
import io.stackwright.services.NginxRoute;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresProps;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import io.stackwright.validate.Waiver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A team's stack through the public API, whose settings name its sections its own way: the edge is
 * {@code edge} (the service {@code nginx}), and further HTTP services sit in a map under {@code
 * services}, each named by its key.
 */
public final class OwnSettingsStack implements StackDefinition<OwnSettingsStack.Settings> {
  private final boolean edgeFromCode;

  /** The stack as a team writes it: every service made from its section of the settings. */
  public OwnSettingsStack() {
    this(false);
  }

  /**
   * The stack, its edge optionally made from props written in code rather than from the file.
   *
   * @param edgeFromCode whether the edge's props come from code ({@link NginxProps#defaults()})
   */
  public OwnSettingsStack(boolean edgeFromCode) {
    this.edgeFromCode = edgeFromCode;
  }

  /**
   * What the team's environment files set.
   *
   * @param api the API. Required.
   * @param postgres the API's database. Default: every {@link PostgresProps} default.
   * @param edge the edge. Default: every {@link NginxProps} default.
   * @param services further HTTP services, by name, each routed to at {@code /<name>/}. Default:
   *     none.
   * @param cluster the cluster's DNS and API server. Default: every {@link ClusterProps} default.
   * @param waivers exemptions from policy rules. Default: none.
   */
  public record Settings(
      HttpServiceProps api,
      PostgresProps postgres,
      NginxProps edge,
      Map<String, HttpServiceProps> services,
      ClusterProps cluster,
      List<Waiver> waivers) {

    /**
     * Applies the defaults.
     *
     * @param api see {@link #api()}
     * @param postgres see {@link #postgres()}
     * @param edge see {@link #edge()}
     * @param services see {@link #services()}
     * @param cluster see {@link #cluster()}
     * @param waivers see {@link #waivers()}
     */
    public Settings {
      if (api == null) {
        throw new InvalidPropException("api", "missing required key \"api\"", "add an api section");
      }
      postgres = postgres == null ? PostgresProps.defaults() : postgres;
      edge = edge == null ? NginxProps.defaults() : edge;
      services = services == null ? Map.of() : Map.copyOf(services);
      cluster = cluster == null ? ClusterProps.defaults() : cluster;
      waivers = waivers == null ? List.of() : List.copyOf(waivers);
    }
  }

  @Override
  public Class<Settings> propsType() {
    return Settings.class;
  }

  @Override
  public String name() {
    return "team";
  }

  @Override
  public void define(Stack stack, Settings settings) {
    stack.network(settings.cluster().toNetwork());
    Postgres postgres = new Postgres(stack, settings.postgres());
    HttpService api = HttpService.builder("api").props(settings.api()).uses(postgres).addTo(stack);
    List<NginxRoute> routes = new ArrayList<>();
    routes.add(NginxRoute.to(api.endpoint()).build());
    settings.services().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry -> {
              HttpService service =
                  HttpService.builder(entry.getKey()).props(entry.getValue()).addTo(stack);
              routes.add(
                  NginxRoute.to(service.endpoint()).path("/" + entry.getKey() + "/").build());
            });
    new Nginx(stack, edgeFromCode ? NginxProps.defaults() : settings.edge(), routes);
  }
}
