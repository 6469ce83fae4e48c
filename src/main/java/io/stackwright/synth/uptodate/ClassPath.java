package io.stackwright.synth.uptodate;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** The class folders and jars the stack's code may load from. */
final class ClassPath {
  private ClassPath() {}

  /** Every class folder and jar the stack's code may load from, in class path order. */
  static Set<Path> of(ClassLoader code) {
    Set<Path> entries = new LinkedHashSet<>();
    List<ClassLoader> chain = new ArrayList<>();
    for (ClassLoader loader = code; loader != null; loader = loader.getParent()) {
      chain.add(loader);
    }
    for (ClassLoader loader : chain) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          addFile(entries, url);
        }
      }
    }
    // Loaded by the application class loader, or by one that delegates to it: the class path, where
    // the renderers and the gate may come from. Else (a loader of its own, with no such parent)
    // that class path is the host's, not the stack's.
    if (entries.isEmpty() || chain.contains(ClassLoader.getSystemClassLoader())) {
      for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          entries.add(Path.of(entry));
        }
      }
    }
    // A jar's manifest may name more of the class path: the packaged CLI's lib/ jars, or the
    // single jar through which a test runner passes a long class path.
    for (Path jar : List.copyOf(entries)) {
      if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar")) {
        addManifestClassPath(entries, jar);
      }
    }
    return entries;
  }

  private static void addFile(Set<Path> entries, URL url) {
    if ("file".equals(url.getProtocol())) {
      try {
        entries.add(Path.of(url.toURI()));
      } catch (URISyntaxException | IllegalArgumentException e) {
        entries.add(Path.of(url.getPath()));
      }
    }
  }

  /** Adds what the jar's manifest names ({@code Class-Path}), relative to the jar. */
  private static void addManifestClassPath(Set<Path> entries, Path jar) {
    String more;
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      more =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    } catch (IOException e) {
      entries.add(Path.of(jar + " (unreadable)"));
      return;
    }
    if (more == null) {
      return;
    }
    for (String item : more.trim().split("\\s+")) {
      if (item.isEmpty()) {
        continue;
      }
      try {
        URL url = new URL(jar.toUri().toURL(), item);
        if ("file".equals(url.getProtocol())) {
          entries.add(Path.of(url.toURI()));
        }
      } catch (IOException | URISyntaxException | IllegalArgumentException e) {
        entries.add(Path.of("unreadable class path entry " + item));
      }
    }
  }
}
