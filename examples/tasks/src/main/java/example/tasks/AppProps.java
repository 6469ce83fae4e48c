package example.tasks;

import io.stackwright.env.InvalidPropException;
import io.stackwright.model.ImageRef;
import io.stackwright.services.ResourcesProps;

/**
 * What an environment file may set for the API and for the worker ({@code api:}, {@code worker:}).
 *
 * @param image container image. Required.
 * @param replicas Kubernetes replicas, 1–20. Default: 1.
 * @param resources requests and limits. Default: cpu 100m (limit 200m), memory 128Mi (limit 128Mi).
 */
public record AppProps(ImageRef image, Integer replicas, ResourcesProps resources) {

  /** Applies the defaults and checks the range. */
  public AppProps {
    if (image == null) {
      throw new InvalidPropException(
          "image", "missing required key \"image\"", "set image: registry/repository:tag");
    }
    replicas = replicas == null ? 1 : replicas;
    if (replicas < 1 || replicas > 20) {
      throw new InvalidPropException(
          "replicas", "replicas must be between 1 and 20, got " + replicas, "use a value in range");
    }
  }
}
