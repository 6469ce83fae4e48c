package io.stackwright.render;

import io.stackwright.model.SecretFile;

/**
 * Values for secrets in a development environment. They are fixed, so that output stays identical
 * on every run, and say what they are, so that nobody mistakes one for a real credential.
 */
public final class DevSecrets {
  private DevSecrets() {}

  /**
   * The development value of {@code secret}.
   *
   * @param secret the secret
   * @return the value, the same on every synth
   */
  public static String value(SecretFile secret) {
    return "dev-only-not-secret-" + secret.name();
  }
}
