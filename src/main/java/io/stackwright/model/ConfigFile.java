package io.stackwright.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A configuration file generated from the model and mounted read-only into a service's container:
 * from a ConfigMap on Kubernetes (whose content hash rolls the pods when it changes), from a file
 * beside the Compose file in Compose.
 *
 * <p>The two targets may need different content (Prometheus discovers targets through the
 * Kubernetes API but lists them statically in Compose); most files are the same on both.
 *
 * @param name file name: the ConfigMap key and the file name beside the Compose file
 * @param mountPath absolute path of the file inside the container
 * @param kubernetes content on Kubernetes
 * @param compose content in Compose
 * @param checker the real program that checks it in the validation gate; default {@link
 *     ConfigChecker#NONE}
 */
public record ConfigFile(
    String name, String mountPath, String kubernetes, String compose, ConfigChecker checker) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,252}");

  /**
   * Checks the name and path; both contents are required.
   *
   * @param name see {@link #name()}
   * @param mountPath see {@link #mountPath()}
   * @param kubernetes see {@link #kubernetes()}
   * @param compose see {@link #compose()}
   * @param checker see {@link #checker()}
   */
  public ConfigFile {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "config file name \"" + name + "\" must be letters, digits, '.', '_' or '-'");
    }
    if (mountPath == null || !mountPath.startsWith("/") || !mountPath.endsWith("/" + name)) {
      throw new IllegalArgumentException(
          "config file " + name + " must be mounted at an absolute path ending in /" + name);
    }
    Objects.requireNonNull(kubernetes, "kubernetes");
    Objects.requireNonNull(compose, "compose");
    Objects.requireNonNull(checker, "checker");
  }

  /**
   * A file no program checks.
   *
   * @param name see {@link #name()}
   * @param mountPath see {@link #mountPath()}
   * @param kubernetes see {@link #kubernetes()}
   * @param compose see {@link #compose()}
   */
  public ConfigFile(String name, String mountPath, String kubernetes, String compose) {
    this(name, mountPath, kubernetes, compose, ConfigChecker.NONE);
  }

  /**
   * A file with the same content on both targets.
   *
   * @param mountPath the file's absolute path in the container; its last segment names it
   * @param content the file's content
   * @return the file
   */
  public static ConfigFile of(String mountPath, String content) {
    String name = mountPath.substring(mountPath.lastIndexOf('/') + 1);
    return new ConfigFile(name, mountPath, content, content);
  }

  /**
   * This file, checked by a real program in the validation gate.
   *
   * @param program the program that reads it
   * @return the same file, with that checker
   */
  public ConfigFile checkedBy(ConfigChecker program) {
    return new ConfigFile(name, mountPath, kubernetes, compose, program);
  }
}
