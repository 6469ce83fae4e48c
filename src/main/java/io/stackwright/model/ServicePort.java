package io.stackwright.model;

import java.util.regex.Pattern;

/**
 * A TCP port a service listens on. The container port and the port other services connect to are
 * the same number on both targets, so an address resolves the same way everywhere.
 *
 * @param name IANA-style port name ({@code http}, {@code postgres}), at most 15 characters
 * @param port the port number, 1024–65535: non-root containers cannot bind lower ports
 */
public record ServicePort(String name, int port) {

  private static final Pattern NAME = Pattern.compile("[a-z]([a-z0-9-]{0,13}[a-z0-9])?");

  /**
   * Checks the name's format and that the port is unprivileged.
   *
   * @param name see {@link #name()}
   * @param port see {@link #port()}
   */
  public ServicePort {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "port name \"" + name + "\" must be 1-15 lower-case letters, digits or '-'");
    }
    if (port < 1024 || port > 65535) {
      throw new IllegalArgumentException(
          "port " + port + " must be between 1024 and 65535 (containers run as non-root)");
    }
  }
}
