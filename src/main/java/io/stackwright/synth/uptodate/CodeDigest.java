package io.stackwright.synth.uptodate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The code, by content: every file of every class folder and jar by name, size and CRC-32 (a jar's
 * index holds them), sorted by name; a name found more than once has its copies in class path
 * order, as the first one is what a class loader takes. The same classes give the same digest
 * whether they come from {@code target/classes} and the local Maven repository or from the packaged
 * jar and its {@code lib/}, and a rebuild that changes no class changes nothing; the jars' own
 * manifests and Maven metadata are left out.
 */
final class CodeDigest {
  /** Each file's copies by name: size and CRC-32 of each, in class path order. */
  private final SortedMap<String, List<String>> items = new TreeMap<>();

  /** What could not be read, named. */
  private final SortedSet<String> unreadable = new TreeSet<>();

  private CodeDigest() {}

  /** {@return the digest of the code in {@code classPath}, in hex} */
  static String of(Set<Path> classPath) {
    CodeDigest digest = new CodeDigest();
    for (Path entry : classPath) {
      if (Files.isDirectory(entry)) {
        digest.addFolder(entry);
      } else if (Files.isRegularFile(entry)) {
        digest.addJar(entry);
      }
    }
    return digest.hex();
  }

  /**
   * Every file that can be read, and the name of each one or folder that cannot: a folder that
   * cannot be opened hides only itself, so a change to the rest still shows.
   */
  private void addFolder(Path folder) {
    for (Path file : FileWalk.walk(folder, unreadable)) {
      if (Files.isRegularFile(file)) {
        try {
          byte[] content = Files.readAllBytes(file);
          CRC32 crc = new CRC32();
          crc.update(content);
          add(
              folder.relativize(file).toString().replace('\\', '/'),
              content.length,
              crc.getValue());
        } catch (IOException e) {
          unreadable.add("unreadable " + file);
        }
      }
    }
  }

  private void addJar(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> files = zip.entries();
      while (files.hasMoreElements()) {
        ZipEntry file = files.nextElement();
        if (!file.isDirectory()) {
          add(file.getName(), file.getSize(), file.getCrc());
        }
      }
    } catch (IOException e) {
      unreadable.add("unreadable " + jar);
    }
  }

  private void add(String name, long size, long crc) {
    if (name.equals("META-INF/MANIFEST.MF")
        || name.equals("META-INF/INDEX.LIST")
        || name.startsWith("META-INF/maven/")) {
      return;
    }
    items.computeIfAbsent(name, n -> new ArrayList<>()).add(size + " " + Long.toHexString(crc));
  }

  private String hex() {
    MessageDigest sha = Digests.sha256();
    items.forEach(
        (name, copies) -> sha.update(Digests.utf8(name + " " + String.join(" ", copies) + "\n")));
    unreadable.forEach(item -> sha.update(Digests.utf8(item + "\n")));
    return HexFormat.of().formatHex(sha.digest());
  }
}
