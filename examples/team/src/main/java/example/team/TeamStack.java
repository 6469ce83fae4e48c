package example.team;

import static io.stackwright.services.PostgresExtension.PGCRYPTO;
import static io.stackwright.services.PostgresExtension.PG_STAT_STATEMENTS;
import static io.stackwright.services.PostgresExtension.PG_TRGM;
import static io.stackwright.services.PostgresExtension.UUID_OSSP;

import io.stackwright.cli.Main;
import io.stackwright.model.RateLimit;
import io.stackwright.model.SecretFile;
import io.stackwright.services.ClusterProps;
import io.stackwright.services.DevTools;
import io.stackwright.services.Frontend;
import io.stackwright.services.FrontendProps;
import io.stackwright.services.HttpFramework;
import io.stackwright.services.HttpService;
import io.stackwright.services.HttpServiceProps;
import io.stackwright.services.Nginx;
import io.stackwright.services.NginxProps;
import io.stackwright.services.NginxRoute;
import io.stackwright.services.Postgres;
import io.stackwright.services.PostgresOptions;
import io.stackwright.services.PostgresProps;
import io.stackwright.stack.Stack;
import io.stackwright.stack.StackDefinition;
import java.util.List;

/**
 * A team's stack, built only through the public API: a Spring Boot API on PostgreSQL 16 (with
 * {@code uuid-ossp}, {@code pgcrypto}, {@code pg_stat_statements} and {@code pg_trgm}), a React
 * single-page app on unprivileged nginx, and the nginx edge in front of both: {@code /} to the app,
 * {@code /api} to the API at 10 requests a second per client, {@code /api/v1/auth} also at 5 a
 * minute. No Prometheus of its own: the cluster's scrapes the API ({@code cluster.prometheus}).
 * Adminer beside it in development only.
 */
public final class TeamStack implements StackDefinition<TeamStack.Settings> {

  /** What the database's first start enables; {@code pg_stat_statements} is loaded at start. */
  private static final PostgresOptions EXTENSIONS =
      PostgresOptions.builder()
          .extensions(UUID_OSSP, PGCRYPTO, PG_STAT_STATEMENTS, PG_TRGM)
          .build();

  /**
   * What {@code examples/team/environments/<env>.yaml} may set.
   *
   * @param api the Spring Boot API: its image, replicas, resources. Required.
   * @param frontend the React single-page app. Required.
   * @param postgres PostgreSQL. Default: every {@link PostgresProps} default.
   * @param nginx the edge. Default: every {@link NginxProps} default.
   * @param cluster the cluster's DNS and Prometheus. Default: every {@link ClusterProps} default.
   */
  public record Settings(
      HttpServiceProps api,
      FrontendProps frontend,
      PostgresProps postgres,
      NginxProps nginx,
      ClusterProps cluster) {
    /** Applies the defaults. */
    public Settings {
      postgres = postgres == null ? PostgresProps.defaults() : postgres;
      nginx = nginx == null ? NginxProps.defaults() : nginx;
      cluster = cluster == null ? ClusterProps.defaults() : cluster;
    }
  }

  /**
   * {@code mvn -q compile exec:java -Denv=<name|all>} in {@code examples/team}.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    Main.main(new TeamStack(), args);
  }

  @Override
  public String name() {
    return "team";
  }

  @Override
  public void define(Stack stack, Settings settings) {
    stack.network(settings.cluster().toNetwork());
    Postgres db = new Postgres(stack, "postgres", settings.postgres(), EXTENSIONS);
    // Port 8080 and Actuator's liveness, readiness and Prometheus paths are SPRING_BOOT's own.
    HttpService api =
        HttpService.builder("api")
            .props(settings.api())
            .framework(HttpFramework.SPRING_BOOT)
            .uses(db)
            .secret(new SecretFile("jwt-signing-key", "team-jwt", "key"), "JWT_SIGNING_KEY_FILE")
            .addTo(stack);
    Frontend web = new Frontend(stack, settings.frontend());
    RateLimit perClient = RateLimit.perSecond(10, 20);
    new Nginx(
        stack,
        settings.nginx(),
        List.of(
            NginxRoute.to(web.endpoint()).build(),
            NginxRoute.to(api.endpoint()).path("/api").rateLimit(perClient).build(),
            // A nested route inherits no limit: the API's, and five sign-ins a minute.
            NginxRoute.to(api.endpoint())
                .path("/api/v1/auth")
                .rateLimit(perClient)
                .rateLimit(RateLimit.perMinute(5, 0))
                .build()));
    if (stack.development()) {
      DevTools.databaseUi(stack, db);
    }
  }
}
