package io.stackwright.shop;

import io.stackwright.model.ImageRef;
import io.stackwright.services.BackendProps;
import io.stackwright.services.BackupProps;
import io.stackwright.services.ClusterProps;
import io.stackwright.services.FrontendProps;
import io.stackwright.services.NginxProps;
import io.stackwright.services.PostgresProps;
import java.util.List;

/** Environment props for tests that build the shop stack in code. */
public final class TestStacks {
  private TestStacks() {}

  /** Two replicas of the edge, without an Ingress. */
  public static final NginxProps NGINX =
      new NginxProps(null, 2, null, null, null, null, null, null, null, null, null);

  /** A cluster whose API server is at one address. */
  public static final ClusterProps CLUSTER =
      new ClusterProps(List.of("10.0.0.1/32"), null, null, null);

  /**
   * The shop stack with this backend, and otherwise the smallest settings valid in every
   * environment: two replicas of each stateless tier, backups, the API server's address.
   */
  public static ShopEnvironment shop(BackendProps backend) {
    return shop(backend, NGINX, CLUSTER);
  }

  /** The same with this edge and cluster ({@code null}: the defaults). */
  public static ShopEnvironment shop(BackendProps backend, NginxProps nginx, ClusterProps cluster) {
    return new ShopEnvironment(
        null,
        backend,
        new FrontendProps(ImageRef.parse("ghcr.io/acme/web:1.0.0"), 2, null, null),
        new PostgresProps(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new BackupProps(null, null, null, null)),
        null,
        nginx,
        null,
        null,
        cluster,
        null);
  }
}
