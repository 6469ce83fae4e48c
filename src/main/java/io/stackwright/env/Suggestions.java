package io.stackwright.env;

import java.util.Collection;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** "Did you mean" for misspelled keys and enum values. */
final class Suggestions {

  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  private Suggestions() {}

  /**
   * The candidate closest to {@code input}, if it is close enough to be a likely typo: within
   * {@code max(2, input.length() / 3)} edits. Ties go to the earlier candidate.
   */
  static Optional<String> closest(String input, Collection<String> candidates) {
    int allowed = Math.max(2, input.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = DISTANCE.apply(input, candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /**
   * A hint such as {@code did you mean "replicas"? Valid keys here: image, replicas.}
   *
   * @param label what the candidates are, e.g. {@code "Valid keys here"}
   */
  static String hint(String input, Collection<String> candidates, String label) {
    String list =
        label + ": " + (candidates.isEmpty() ? "none" : String.join(", ", candidates)) + ".";
    return closest(input, candidates).map(c -> "did you mean \"" + c + "\"? " + list).orElse(list);
  }
}
