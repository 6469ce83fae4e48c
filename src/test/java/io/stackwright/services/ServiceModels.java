package io.stackwright.services;

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
}
