package io.stackwright.output;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The files of one environment's {@code dist/<env>/} folder, held in memory until every check has
 * passed: relative path ({@code /}-separated) to content.
 */
public final class SynthOutput {
  private static final Pattern SAFE_PATH =
      Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*");

  private final String environment;
  private final int kubernetesObjects;
  private final int composeServices;
  private final SortedMap<String, byte[]> files = new TreeMap<>();
  private final SortedMap<String, Integer> objectsByKind = new TreeMap<>();
  private Duration elapsed = Duration.ZERO;

  /**
   * An empty output.
   *
   * @param environment the environment's name
   * @param kubernetesObjects how many Kubernetes objects its files hold, for the summary
   * @param composeServices how many Compose services its Compose file holds, for the summary
   */
  public SynthOutput(String environment, int kubernetesObjects, int composeServices) {
    this.environment = environment;
    this.kubernetesObjects = kubernetesObjects;
    this.composeServices = composeServices;
  }

  /**
   * Records how long loading and rendering this environment took, for the summary.
   *
   * @param took the time taken
   */
  public void recordElapsed(Duration took) {
    this.elapsed = took;
  }

  /** {@return how long loading and rendering this environment took; zero when not recorded} */
  public Duration elapsed() {
    return elapsed;
  }

  /** {@return how many Kubernetes objects the output holds} */
  public int kubernetesObjects() {
    return kubernetesObjects;
  }

  /**
   * Records how many Kubernetes objects of each kind the output holds, for the summary.
   *
   * @param counts how many objects of each kind
   */
  public void recordObjectsByKind(Map<String, Integer> counts) {
    objectsByKind.clear();
    objectsByKind.putAll(counts);
  }

  /**
   * How many Kubernetes objects of each kind the output holds, by kind; empty when not recorded.
   *
   * @return the counts, sorted by kind
   */
  public SortedMap<String, Integer> objectsByKind() {
    return Collections.unmodifiableSortedMap(objectsByKind);
  }

  /** {@return how many Compose services the output holds} */
  public int composeServices() {
    return composeServices;
  }

  /** {@return the environment's name} */
  public String environment() {
    return environment;
  }

  /**
   * Adds a text file, written as UTF-8.
   *
   * @param path the file's path, relative to the environment's folder
   * @param content its text
   * @throws IllegalArgumentException for a path that is absolute, climbs out ({@code ..}), or is
   *     already taken
   */
  public void add(String path, String content) {
    if (!SAFE_PATH.matcher(path).matches()
        || java.util.Arrays.asList(path.split("/")).stream()
            .anyMatch(part -> part.equals(".") || part.equals(".."))) {
      throw new IllegalArgumentException("unsafe output path: " + path);
    }
    if (files.putIfAbsent(path, content.getBytes(StandardCharsets.UTF_8)) != null) {
      throw new IllegalArgumentException("two outputs write " + path);
    }
  }

  /**
   * Every file, sorted by path.
   *
   * @return the bytes of each file, by path
   */
  public SortedMap<String, byte[]> files() {
    return Collections.unmodifiableSortedMap(files);
  }

  /**
   * The text of one file, or {@code null}.
   *
   * @param path the file's path, relative to the environment's folder
   * @return the text, or {@code null} when there is no such file
   */
  public String text(String path) {
    byte[] bytes = files.get(path);
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
