package io.stackwright.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A secret the container reads from the file {@code /run/secrets/<name>}, on both targets:
 * Kubernetes mounts one key of a Secret there, Compose mounts one of its top-level {@code secrets}.
 * Reading from a file keeps the value out of the process environment and out of {@code kubectl
 * describe}.
 *
 * <p>The value never comes from the model. A development environment gets a generated value marked
 * as such; every other environment refers to a Secret that exists outside the repository.
 *
 * @param name file name under {@code /run/secrets}, and the Compose secret's name
 * @param secretName the Kubernetes Secret that holds it
 * @param key the key within that Secret
 */
public record SecretFile(String name, String secretName, String key) {

  private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]{1,253}");

  /**
   * Checks that the names are DNS labels and the key a valid Secret key.
   *
   * @param name see {@link #name()}
   * @param secretName see {@link #secretName()}
   * @param key see {@link #key()}
   */
  public SecretFile {
    for (String label : new String[] {name, secretName}) {
      if (!Names.isLabel(label)) {
        throw new IllegalArgumentException(
            "secret name \"" + label + "\" must be a DNS label (lower case, digits, '-')");
      }
    }
    Objects.requireNonNull(key, "key");
    if (!KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("secret key \"" + key + "\" is not a valid Secret key");
    }
  }

  /** {@return where the container finds the value} */
  public String path() {
    return "/run/secrets/" + name;
  }
}
