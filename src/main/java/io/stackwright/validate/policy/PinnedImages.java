package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Outside development, every image names one build: a tag other than {@code latest}, or a digest,
 * on Kubernetes and in the Compose file. A floating tag runs whatever was pushed last, not what was
 * reviewed. Development environments may float.
 */
final class PinnedImages implements PolicyRule {

  @Override
  public String id() {
    return "pinned-images";
  }

  @Override
  public String description() {
    return "Outside development, every image is pinned to a tag other than latest, or a digest.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    if (input.development()) {
      return violations;
    }
    for (PodTemplate pod : input.podTemplates()) {
      for (PodTemplate.Container container : pod.allContainers()) {
        String image = Nodes.text(container.body(), "image");
        if (!isPinned(image)) {
          violations.add(
              Violation.of(
                  pod.owner(), container.field("image"), message(container.name(), image)));
        }
      }
    }
    for (Map.Entry<String, Object> service : input.composeServices().entrySet()) {
      String image = Nodes.text(service.getValue(), "image");
      if (!isPinned(image)) {
        violations.add(
            new Violation(
                input.composeFile(),
                "ComposeService/" + service.getKey(),
                "services." + service.getKey() + ".image",
                message(service.getKey(), image)));
      }
    }
    return violations;
  }

  /** Whether {@code image} has a digest, or a tag other than {@code latest}. */
  static boolean isPinned(String image) {
    if (image == null || image.isEmpty()) {
      return false;
    }
    if (image.contains("@")) {
      return true;
    }
    int colon = image.lastIndexOf(':');
    return colon > image.lastIndexOf('/') && !image.substring(colon + 1).equals("latest");
  }

  private static String message(String container, String image) {
    return (image == null ? container + " names no image" : container + " runs " + image)
        + ", which is not pinned; give a version tag other than latest, or a digest (@sha256:…)";
  }
}
