package io.stackwright.services;

import io.stackwright.model.ApiAccess;
import io.stackwright.model.ServiceModel;

/**
 * The model a {@link GenericService.Builder} describes, for tests of what reads models without a
 * stack (a stack's own services are added with {@link GenericService.Builder#addTo}).
 */
public final class ServiceModels {
  private ServiceModels() {}

  /**
   * The service's model, checked as {@code addTo} checks it.
   *
   * @param service the description
   * @return its model
   */
  public static ServiceModel of(GenericService.Builder service) {
    return service.build();
  }

  /**
   * The model of a service that reads the Kubernetes API, as the stack's Prometheus does; stack
   * authors cannot grant that access themselves.
   *
   * @param service the description
   * @param access what the service may read
   * @return its model
   */
  public static ServiceModel withApiAccess(GenericService.Builder service, ApiAccess access) {
    return service.apiAccess(access).build();
  }
}
