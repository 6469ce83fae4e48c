package io.stackwright.validate;

import io.stackwright.output.SynthOutput;
import io.stackwright.render.compose.ComposeRenderer;
import io.stackwright.validate.policy.KubeObject;
import io.stackwright.validate.policy.Parity;
import io.stackwright.validate.policy.PolicyInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One environment's output read back from its written text, as kubectl and the Compose CLI will
 * read it (the Kubernetes manifests at the top of {@code dist/<env>/}, the Compose file under
 * {@code compose/}), and the comparison of its two targets made from that reading. The parity
 * report, the policy layer, the parity layer and the check of kubeconform's count all use it, so
 * that a synth parses each rendered file once however many of them read it: on a large stack the
 * parsing costs more than the rules.
 *
 * <p>A reading is kept for the output it was read from, for as long as that output lives, and used
 * again only while the output still holds exactly the text it read: the same manifest files, each
 * the very bytes parsed, and the same Compose file. An output's files are only added, never
 * replaced, so a file added since that is neither (the parity report) keeps the reading; a manifest
 * or Compose file added since makes it stale, and the output is read again.
 */
final class ReadBack {
  /**
   * Readings by output. Keyed by identity, as {@link SynthOutput} keeps {@code Object}'s {@code
   * equals}; weakly, so that an output no longer used takes its reading with it, which is why a
   * reading must never refer to its output.
   */
  private static final Map<SynthOutput, ReadBack> READINGS =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Each file read, in the order read, with the bytes that were parsed. */
  private final Map<String, byte[]> read;

  private final List<KubeObject> objects;
  private final String composeFile;
  private final Map<String, Object> compose;
  private final List<Finding> unreadable;
  private final int kubeconformObjects;
  private final Parity.Result parity;

  private ReadBack(SynthOutput output) {
    Map<String, byte[]> files = output.files();
    Map<String, byte[]> read = new LinkedHashMap<>();
    List<KubeObject> objects = new ArrayList<>();
    List<Finding> unreadable = new ArrayList<>();
    int counted = 0;
    boolean countable = true;
    List<String> manifests = manifestFiles(output);
    // The files are parsed side by side (a large stack has hundreds), then taken in file order.
    List<Parsed> parsed = manifests.parallelStream().map(file -> parse(output.text(file))).toList();
    for (int i = 0; i < manifests.size(); i++) {
      String file = manifests.get(i);
      read.put(file, files.get(file));
      // The documents before one that cannot be read count, as they did when each was taken as
      // it was read.
      for (Object document : parsed.get(i).documents()) {
        add(file, document, objects);
        counted += kubeconformObjects(document);
      }
      if (parsed.get(i).error() != null) {
        unreadable.add(unreadable(file, parsed.get(i).error()));
        countable = false;
      }
    }
    Map<String, Object> compose = Map.of();
    String composeText = output.text(ComposeRenderer.COMPOSE_FILE);
    read.put(ComposeRenderer.COMPOSE_FILE, files.get(ComposeRenderer.COMPOSE_FILE));
    if (composeText != null) {
      try {
        if (yaml().load(composeText) instanceof Map<?, ?> map) {
          @SuppressWarnings("unchecked")
          Map<String, Object> body = (Map<String, Object>) map;
          compose = body;
        }
      } catch (YAMLException e) {
        unreadable.add(unreadable(ComposeRenderer.COMPOSE_FILE, e));
      }
    }
    this.read = read;
    this.objects = List.copyOf(objects);
    this.composeFile = composeText == null ? null : ComposeRenderer.COMPOSE_FILE;
    this.compose = compose;
    this.unreadable = List.copyOf(unreadable);
    this.kubeconformObjects = countable ? counted : -1;
    // The comparison reads neither of the environment's two facts, so it is made once, here.
    this.parity = Parity.compare(input(false, Set.of()));
  }

  /** The reading of {@code output}: the one kept for it if still current, or a new one. */
  static ReadBack of(SynthOutput output) {
    ReadBack kept = READINGS.get(output);
    if (kept != null && kept.reads(output)) {
      return kept;
    }
    ReadBack fresh = new ReadBack(output);
    READINGS.put(output, fresh);
    return fresh;
  }

  /** The manifest files of an output: the YAML files at its top level. */
  static List<String> manifestFiles(SynthOutput output) {
    return output.files().keySet().stream()
        .filter(path -> !path.contains("/") && path.endsWith(".yaml"))
        .toList();
  }

  /** Whether {@code output} holds exactly the text this reading was made from. */
  private boolean reads(SynthOutput output) {
    Map<String, byte[]> files = output.files();
    List<String> manifests = manifestFiles(output);
    if (manifests.size() + 1 != read.size()) {
      return false;
    }
    for (String file : manifests) {
      // The same array: an output never replaces a file's bytes.
      if (!read.containsKey(file) || read.get(file) != files.get(file)) {
        return false;
      }
    }
    return read.get(ComposeRenderer.COMPOSE_FILE) == files.get(ComposeRenderer.COMPOSE_FILE);
  }

  /**
   * The output as the rules of one environment see it.
   *
   * @param development whether the environment is a development one
   * @param externalSecrets the Secrets it refers to but does not create
   */
  PolicyInput input(boolean development, Set<String> externalSecrets) {
    return new PolicyInput(objects, composeFile, compose, development, externalSecrets);
  }

  /** A finding for each file that cannot be read as YAML, and is left out of the input. */
  List<Finding> unreadable() {
    return unreadable;
  }

  /** The comparison of the two targets. */
  Parity.Result parity() {
    return parity;
  }

  /**
   * The objects kubeconform will check in the manifest files, counted as it counts them: every
   * document that is not empty, and the items of a {@code List} rather than the list; -1 when a
   * file cannot be read as YAML (kubeconform then reports it).
   */
  int kubeconformObjects() {
    return kubeconformObjects;
  }

  private static int kubeconformObjects(Object document) {
    if (document instanceof Map<?, ?> map
        && map.get("kind") instanceof String kind
        && kind.equalsIgnoreCase("list")) {
      return map.get("items") instanceof List<?> items ? items.size() : 0;
    }
    return document == null ? 0 : 1;
  }

  /**
   * Adds a document, or each item of a {@code List} (kubectl applies {@code v1/List} and every
   * {@code *List} kind item by item), so that no object escapes the rules by being wrapped.
   */
  @SuppressWarnings("unchecked")
  private static void add(String file, Object document, List<KubeObject> objects) {
    if (!(document instanceof Map<?, ?> map)) {
      return;
    }
    Object kind = map.get("kind");
    if (kind instanceof String text
        && text.endsWith("List")
        && map.get("items") instanceof List<?> items) {
      for (Object item : items) {
        add(file, item, objects);
      }
      return;
    }
    objects.add(new KubeObject(file, (Map<String, Object>) map));
  }

  private static Finding unreadable(String file, YAMLException e) {
    return new Finding(Layer.POLICY, file, "", "", "", "cannot be read as YAML: " + e.getMessage());
  }

  /**
   * A file's documents, up to the first that cannot be read.
   *
   * @param documents the documents read, in file order
   * @param error why the rest cannot be read, or {@code null} when every document was
   */
  private record Parsed(List<Object> documents, YAMLException error) {}

  /** Every document of a file, up to the first that cannot be read. */
  private static Parsed parse(String text) {
    List<Object> documents = new ArrayList<>();
    try {
      yaml().loadAll(text).forEach(documents::add);
      return new Parsed(documents, null);
    } catch (YAMLException e) {
      return new Parsed(documents, e);
    }
  }

  /** A reader that builds only maps, lists and scalars: no YAML tag creates an object. */
  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }
}
