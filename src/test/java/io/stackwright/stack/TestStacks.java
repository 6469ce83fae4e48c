package io.stackwright.stack;

import io.stackwright.model.ImageRef;
import io.stackwright.services.BackendProps;
import java.util.List;

/** Environment props for tests that build the shop stack in code. */
public final class TestStacks {
  private TestStacks() {}

  /**
   * The shop stack with this backend, and otherwise the smallest settings valid in every
   * environment: two replicas of each stateless tier, backups, the API server's address.
   */
  public static ShopEnvironment shop(BackendProps backend) {
    return new ShopEnvironment(
        null,
        backend,
        new io.stackwright.services.FrontendProps(
            ImageRef.parse("ghcr.io/acme/web:1.0.0"), 2, null, null),
        new io.stackwright.services.PostgresProps(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new io.stackwright.services.BackupProps(null, null, null, null)),
        null,
        new io.stackwright.services.NginxProps(
            null, 2, null, null, null, null, null, null, null, null, null),
        null,
        null,
        new io.stackwright.services.ClusterProps(List.of("10.0.0.1/32"), null, null));
  }
}
