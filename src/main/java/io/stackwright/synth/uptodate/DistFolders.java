package io.stackwright.synth.uptodate;

import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What each {@code dist/<env>/} holds, read and hashed once per synth: nothing writes it before the
 * synth ends.
 */
final class DistFolders {
  private final Path dist;
  private final Map<String, Optional<Folder>> read = new HashMap<>();

  /**
   * One environment's folder as read.
   *
   * @param files the files, by relative path
   * @param sha256 the digest of each, by the same path, as an entry records them
   */
  record Folder(SortedMap<String, DistWriter.Bytes> files, SortedMap<String, String> sha256) {}

  /**
   * The folders of {@code dist}.
   *
   * @param dist the project's {@code dist/}
   */
  DistFolders(Path dist) {
    this.dist = dist;
  }

  /** Whether {@code dist/<env>/} holds exactly the files of {@code entry}. */
  boolean hold(String environment, Entry entry) {
    Folder held = folder(environment);
    return held != null && held.sha256().equals(entry.files());
  }

  /**
   * The environment's output as {@code dist/<env>/} holds it, if it holds exactly the files of
   * {@code entry}, all of them text a synth could have written.
   */
  Optional<SynthOutput> output(String environment, Entry entry) {
    if (!hold(environment, entry)) {
      return Optional.empty();
    }
    SynthOutput output =
        new SynthOutput(environment, entry.kubernetesObjects(), entry.composeServices());
    output.recordObjectsByKind(entry.objectsByKind());
    for (Map.Entry<String, DistWriter.Bytes> held : folder(environment).files().entrySet()) {
      if (!add(output, held.getKey(), held.getValue().content())) {
        return Optional.empty();
      }
    }
    return Optional.of(output);
  }

  /** Adds a file as text; {@code false} when it is not UTF-8 text a synth could have written. */
  private static boolean add(SynthOutput output, String path, byte[] content) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (!Arrays.equals(text.getBytes(StandardCharsets.UTF_8), content)) {
      return false;
    }
    try {
      output.add(path, text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** {@return {@code dist/<env>/}, or {@code null} when it cannot be read} */
  synchronized Folder folder(String environment) {
    return read.computeIfAbsent(environment, this::read).orElse(null);
  }

  private Optional<Folder> read(String environment) {
    try {
      SortedMap<String, DistWriter.Bytes> files = DistInput.read(dist.resolve(environment));
      SortedMap<String, String> hashes = new TreeMap<>();
      files.forEach((path, bytes) -> hashes.put(path, Digests.sha256(bytes.content())));
      return Optional.of(new Folder(files, hashes));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
