package io.stackwright.synth;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stackwright.model.StackModel;
import io.stackwright.output.DistInput;
import io.stackwright.output.DistWriter;
import io.stackwright.output.SynthOutput;
import io.stackwright.validate.Layer;
import io.stackwright.validate.Programs;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import io.stackwright.validate.Waiver;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What each environment's last successful synth was made from, so that a synth can leave an
 * environment whose inputs have not changed as it is, without rendering or checking it again: the
 * output would be the same bytes, and they passed every layer of the gate when they were written.
 *
 * <p>An environment's inputs are its environment file, the value (or absence) of every variable
 * that file reads, the stack model the definition makes of them (every value of every service) and
 * the waivers it gives the gate, the code on the class path (every class and resource, by name,
 * size and CRC-32), the Java version, the validation mode and tools, and Node.js. The record also
 * holds a digest of each file written to {@code dist/<env>/}; the environment is up to date only
 * while {@code dist/<env>/} holds exactly those files, so an edit or a deletion there makes the
 * next synth render it again. Whatever a definition reads on its own (a file, another environment
 * variable) is covered as far as it shows in the model; a stack with patches ({@link
 * io.stackwright.stack.Stack#patchKubernetes}), functions no digest can see into, is rendered every
 * time.
 *
 * <p>An environment keeps its last few sets of inputs, each with the files it made, so that synths
 * of one checkout by different builds of the same code (Maven and the packaged jar) do not undo
 * each other's record; whichever set matches, {@code dist/<env>/} must still hold its files.
 *
 * <p>The record is {@code .stackwright/up-to-date.json} in the project folder, which also holds a
 * {@code .gitignore} so that it is never committed. It keeps digests only: variable values are
 * hashed with a random salt of the record's own, never stored. It is sealed with a key of the
 * user's own ({@link RecordSeal}), so a record the synth did not write (edited by hand, or brought
 * by a pull request) is never believed. A record that cannot be read or opened is ignored, and a
 * synth that cannot write it still succeeds.
 */
public final class UpToDate {
  /** The record's folder in the project. */
  public static final String FOLDER = ".stackwright";

  /** The record's file in {@link #FOLDER}. */
  public static final String FILE = "up-to-date.json";

  private static final int FORMAT = 3;

  /** Far larger than the record of any stack. */
  private static final long MAX_RECORD_BYTES = 64L << 20;

  /**
   * How many entries an environment keeps. More than one, because one checkout is often synthesized
   * by more than one build of the same code (Maven's class path and the packaged jar, an IDE) or
   * with two validation modes, each with inputs of its own; with one entry they would push each
   * other out and neither would ever be up to date.
   */
  static final int ENTRIES_PER_ENVIRONMENT = 4;

  /** The record's reader and writer, made on first use: {@link #disabled} needs none. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private final Path folder;
  private final Path dist;
  private final Supplier<String> sharedInputs;
  private String shared;
  private final Record record;
  private final RecordSeal seal;
  private final boolean enabled;
  private final ValidationMode mode;
  private final Map<String, Entry> fresh = new LinkedHashMap<>();
  private final Map<String, Optional<Dist>> distRead = new HashMap<>();

  /**
   * One environment's record.
   *
   * @param file the salted digest of the environment file alone, to tell early whether it changed
   * @param inputs the salted digest of every input
   * @param files the SHA-256 of each file written to {@code dist/<env>/}, by relative path
   * @param kubernetesObjects how many Kubernetes objects the files hold
   * @param objectsByKind how many of each kind
   * @param composeServices how many Compose services
   * @param layers the validation layers that passed
   * @param skipped the layers skipped, with why
   * @param waived the findings waivers exempted
   */
  record Entry(
      String file,
      String inputs,
      SortedMap<String, String> files,
      int kubernetesObjects,
      SortedMap<String, Integer> objectsByKind,
      int composeServices,
      List<Layer> layers,
      Map<Layer, String> skipped,
      List<ValidationReport.Waived> waived) {

    /** Whether every part is there, so that using the entry cannot fail. */
    boolean isWhole() {
      return file != null
          && inputs != null
          && hasNoNull(files)
          && hasNoNull(objectsByKind)
          && layers != null
          && layers.stream().allMatch(Objects::nonNull)
          && hasNoNull(skipped)
          && waived != null
          && waived.stream().allMatch(w -> w != null && w.finding() != null && w.waiver() != null);
    }

    private static boolean hasNoNull(Map<?, ?> map) {
      // A sorted map refuses to be asked whether it holds a null key.
      return map != null
          && map.entrySet().stream().allMatch(e -> e.getKey() != null && e.getValue() != null);
    }
  }

  /**
   * The record as stored.
   *
   * @param format the layout's version; another version is ignored
   * @param salt hex, random, made with the record
   * @param environments each environment's entries, the latest first: each one a set of inputs and
   *     the files they made, any of which may be what {@code dist/<env>/} holds
   */
  record Record(int format, String salt, SortedMap<String, List<Entry>> environments) {}

  /**
   * An environment left as it is: its files, read back from {@code dist/<env>/}, and what its gate
   * found when they were written.
   *
   * @param output the files, with the counts of the summary
   * @param layers the layers that passed
   * @param skipped the layers that were skipped, with why
   * @param waived the findings waivers exempted
   */
  public record Current(
      SynthOutput output,
      List<Layer> layers,
      Map<Layer, String> skipped,
      List<ValidationReport.Waived> waived) {}

  private UpToDate(
      Path folder,
      Path dist,
      Supplier<String> sharedInputs,
      Record record,
      RecordSeal seal,
      boolean enabled,
      ValidationMode mode) {
    this.seal = seal;
    this.mode = mode;
    this.folder = folder;
    this.dist = dist;
    this.sharedInputs = sharedInputs;
    this.record = record;
    this.enabled = enabled;
  }

  /**
   * No record: every environment is rendered and checked ({@code --rebuild}, tests, diff).
   *
   * @return a record that finds no environment up to date
   */
  public static UpToDate disabled() {
    return new UpToDate(
        null,
        null,
        () -> "",
        new Record(FORMAT, "", new TreeMap<>()),
        null,
        false,
        ValidationMode.AUTO);
  }

  /**
   * The project's record, or an empty one if there is none or it cannot be read.
   *
   * @param projectDir the project folder
   * @param dist its {@code dist/}
   * @param mode the validation mode of this synth
   * @param tools the validation tools it uses
   * @param code the class loader of the stack's code
   * @param env the process environment, for which Node.js runs the kernel
   * @return the record
   */
  public static UpToDate load(
      Path projectDir,
      Path dist,
      ValidationMode mode,
      Tools tools,
      ClassLoader code,
      Map<String, String> env) {
    Path folder = projectDir.resolve(FOLDER);
    RecordSeal seal = RecordSeal.ofUser();
    if (seal == null || Files.isSymbolicLink(folder)) {
      // No key, or a record folder that would be written through a link: no record at all.
      return disabled();
    }
    Record record = null;
    try {
      Path file = folder.resolve(FILE);
      byte[] json =
          Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                  && Files.size(file) <= MAX_RECORD_BYTES
              ? seal.open(Files.readAllBytes(file))
              : null;
      if (json != null) {
        Record read = Json.MAPPER.readValue(json, Record.class);
        if (read != null
            && read.format() == FORMAT
            && read.salt() != null
            && read.salt().length() == 64
            && read.salt().chars().allMatch(HexFormat::isHexDigit)
            && read.environments() != null) {
          // An entry with a part missing (edited by hand, or from an older synth) is left out,
          // as if that environment had never been recorded.
          read.environments().values().removeIf(Objects::isNull);
          read.environments()
              .replaceAll(
                  (name, entries) ->
                      entries.stream().filter(e -> e != null && e.isWhole()).toList());
          read.environments().values().removeIf(List::isEmpty);
          record = read;
        }
      }
    } catch (IOException | RuntimeException e) {
      // A damaged record only costs a full synth, which writes a good one.
    }
    if (record == null) {
      byte[] salt = new byte[32];
      new SecureRandom().nextBytes(salt);
      record = new Record(FORMAT, HexFormat.of().formatHex(salt), new TreeMap<>());
    }
    // What every environment shares is digested when first needed: reading every jar's index takes
    // a while, and whether Node.js must start can be told without it (mayBeCurrent).
    return new UpToDate(
        folder, dist, () -> context(mode, tools, code, env), record, seal, true, mode);
  }

  /**
   * Whether the environment might be up to date: an entry has its file as it is and the files
   * {@code dist/<env>/} holds. A look before anything is parsed, to decide whether to start Node.js
   * ahead of time; the file alone would not do, as an environment keeps several entries (a value
   * changed and changed back matches an older one, whose files {@code dist/} no longer holds).
   *
   * @param environment the environment's name
   * @param environmentFile its file
   * @return {@code false} when it certainly must be rendered
   */
  public boolean mayBeCurrent(String environment, Path environmentFile) {
    List<Entry> entries = record.environments().getOrDefault(environment, List.of());
    if (!enabled || entries.isEmpty()) {
      return false;
    }
    String file;
    try {
      file = digest(List.of(Files.readAllBytes(environmentFile)));
    } catch (IOException e) {
      return false;
    }
    return entries.stream()
        .anyMatch(entry -> entry.file().equals(file) && distHolds(environment, entry));
  }

  /** Whether {@code dist/<env>/} holds exactly the entry's files. */
  private boolean distHolds(String environment, Entry entry) {
    Dist held = dist(environment);
    return held != null && held.sha256().equals(entry.files());
  }

  /**
   * What {@code dist/<env>/} holds: each file, and its SHA-256.
   *
   * @param files the files, by relative path
   * @param sha256 the digest of each, by the same path, as an entry records them
   */
  private record Dist(
      SortedMap<String, DistWriter.Bytes> files, SortedMap<String, String> sha256) {}

  /**
   * {@code dist/<env>/}, read and hashed once per synth (nothing writes it before the synth ends),
   * or {@code null} when it cannot be read.
   */
  private synchronized Dist dist(String environment) {
    return distRead
        .computeIfAbsent(
            environment,
            name -> {
              try {
                SortedMap<String, DistWriter.Bytes> files = DistInput.read(dist.resolve(name));
                SortedMap<String, String> hashes = new TreeMap<>();
                files.forEach((path, bytes) -> hashes.put(path, sha256(bytes.content())));
                return Optional.of(new Dist(files, hashes));
              } catch (IOException | RuntimeException e) {
                return Optional.empty();
              }
            })
        .orElse(null);
  }

  /**
   * The salted digest of every input of one environment.
   *
   * @param environment its name
   * @param file the bytes of its environment file, as loaded
   * @param variables every variable the file read, with its value ({@code null} when unset)
   * @param model the stack the definition made of them: records throughout, so their text is every
   *     value, and it catches what a definition takes from anywhere else
   * @param waivers the waivers the gate applies to it: the definition may take them from elsewhere
   *     than the file (a list in code that ends on a date), and they are not in the model
   */
  String inputs(
      String environment,
      byte[] file,
      SortedMap<String, String> variables,
      StackModel model,
      List<Waiver> waivers) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(utf8(shared()));
    parts.add(utf8(environment));
    parts.add(file);
    parts.add(utf8(model.toString()));
    parts.add(utf8("waivers " + waivers.size()));
    for (Waiver waiver : waivers) {
      parts.add(utf8(waiver.rule()));
      parts.add(utf8(waiver.object()));
      parts.add(utf8(waiver.reason()));
    }
    variables.forEach(
        (name, value) -> {
          parts.add(utf8(name));
          parts.add(value == null ? new byte[] {0} : utf8("=" + value));
        });
    return digest(parts);
  }

  /**
   * The environment as {@code dist/<env>/} holds it, if its inputs are those recorded and the
   * folder holds exactly the recorded files.
   */
  Optional<Current> current(String environment, String inputs) {
    Entry entry =
        record.environments().getOrDefault(environment, List.of()).stream()
            .filter(e -> e.inputs().equals(inputs))
            .findFirst()
            .orElse(null);
    if (!enabled || entry == null || !distHolds(environment, entry)) {
      return Optional.empty();
    }
    SynthOutput output =
        new SynthOutput(environment, entry.kubernetesObjects(), entry.composeServices());
    output.recordObjectsByKind(entry.objectsByKind());
    for (Map.Entry<String, DistWriter.Bytes> file : dist(environment).files().entrySet()) {
      byte[] content = file.getValue().content();
      String text = new String(content, StandardCharsets.UTF_8);
      if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), content)) {
        return Optional.empty();
      }
      try {
        output.add(file.getKey(), text);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of(new Current(output, entry.layers(), entry.skipped(), entry.waived()));
  }

  /**
   * Notes an environment rendered and checked in this synth, to be recorded by {@link #save} once
   * its files are written.
   *
   * @param inputs the digest of its inputs, or {@code null} when they cannot be known (a stack with
   *     patches): its entries are then dropped, so that no later synth compares with them
   */
  void rendered(
      String environment, byte[] file, String inputs, SynthOutput output, ValidationReport report) {
    if (!enabled) {
      return;
    }
    if (inputs == null) {
      fresh.put(environment, null);
      return;
    }
    SortedMap<String, String> files = new TreeMap<>();
    output.files().forEach((path, content) -> files.put(path, sha256(content)));
    List<ValidationReport.Waived> waived =
        report.environments().stream()
            .filter(e -> e.environment().equals(environment))
            .flatMap(e -> e.waived().stream())
            .toList();
    fresh.put(
        environment,
        new Entry(
            digest(List.of(file)),
            inputs,
            files,
            output.kubernetesObjects(),
            new TreeMap<>(output.objectsByKind()),
            output.composeServices(),
            report.ran(),
            report.skipped(),
            waived));
  }

  /**
   * Records the environments rendered in this synth, after their files were written. Best effort: a
   * record that cannot be written only means the next synth renders them again.
   *
   * @return a notice when the record could not be written, else {@code null}
   */
  public String save() {
    if (!enabled || fresh.isEmpty()) {
      return null;
    }
    SortedMap<String, List<Entry>> environments = new TreeMap<>(record.environments());
    fresh.forEach(
        (environment, entry) -> {
          if (entry == null) {
            environments.remove(environment);
          } else {
            // The new entry first, in place of any older one with the same inputs.
            List<Entry> entries = new ArrayList<>();
            entries.add(entry);
            environments.getOrDefault(environment, List.of()).stream()
                .filter(e -> !e.inputs().equals(entry.inputs()))
                .limit(ENTRIES_PER_ENVIRONMENT - 1)
                .forEach(entries::add);
            environments.put(environment, entries);
          }
        });
    Record updated = new Record(FORMAT, record.salt(), environments);
    try {
      Files.createDirectories(folder);
      if (Files.isSymbolicLink(folder)) {
        throw new IOException(
            folder + " is a symbolic link; the record is never written through one");
      }
      Path ignore = folder.resolve(".gitignore");
      try {
        Files.write(
            ignore,
            "# Written by the synth; local to this checkout.\n*\n".getBytes(StandardCharsets.UTF_8),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
      } catch (FileAlreadyExistsException e) {
        // Written by an earlier synth, or a link that is not followed: either way, left alone.
      }
      Path temp = Files.createTempFile(folder, FILE, ".tmp");
      try {
        Files.write(temp, seal.seal(Json.MAPPER.writeValueAsBytes(updated)));
        try {
          Files.move(temp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, folder.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      fresh.clear();
      return null;
    } catch (IOException | RuntimeException e) {
      return "cannot record what "
          + String.join(", ", fresh.keySet())
          + " were made from ("
          + e.getMessage()
          + "); the next synth renders them again";
    }
  }

  private synchronized String shared() {
    if (shared == null) {
      shared = sharedInputs.get();
    }
    return shared;
  }

  /** The validation mode of this synth. */
  ValidationMode mode() {
    return mode;
  }

  /** {@return whether this synth uses and keeps the record} */
  public boolean enabled() {
    return enabled;
  }

  /**
   * What every environment of this synth shares: the record's layout, the Java version, the code,
   * the validation mode and tools, and Node.js.
   */
  static String context(
      ValidationMode mode, Tools tools, ClassLoader code, Map<String, String> env) {
    StringBuilder text = new StringBuilder();
    text.append("format ").append(FORMAT).append('\n');
    text.append("java ").append(System.getProperty("java.vm.version")).append('\n');
    text.append("mode ").append(mode).append('\n');
    text.append("kubeconform ").append(tools.kubeconformMissing()).append('\n');
    stat(text, tools.kubeconform());
    text.append("schemas\n");
    stat(text, tools.schemas());
    text.append("compose ").append(tools.composeMissing()).append(' ');
    text.append(tools.compose()).append('\n');
    for (String word : tools.compose()) {
      if (word.contains(File.separator)) {
        stat(text, Path.of(word));
      }
    }
    if (tools.compose().size() > 1) {
      // docker compose: the plugin is a file of its own, which the docker client finds, so an
      // upgrade of the plugin alone shows only in what it answers.
      text.append(version(tools.compose())).append('\n');
    }
    // The real programs: a record made while one was missing, or another version of it, is not
    // taken for up to date.
    Programs programs = tools.programs();
    for (Path program :
        new Path[] {
          programs.nginx(),
          programs.nginxConf(),
          programs.promtool(),
          programs.redisServer(),
          programs.postgresql() == null ? null : programs.postgresql().resolve("bin/postgres")
        }) {
      text.append("program ").append(program).append('\n');
      stat(text, program);
    }
    text.append("node ").append(env.get("JSII_NODE")).append(' ').append(env.get("JSII_RUNTIME"));
    text.append('\n');
    String path = env.get("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, "node"))) {
          stat(text, Path.of(dir, "node"));
          break;
        }
      }
    }
    text.append("code ").append(code(classPath(code))).append('\n');
    return text.toString();
  }

  /**
   * The code, by content: every file of every class folder and jar by name, size and CRC-32 (a
   * jar's index holds them), sorted by name; a name found more than once has its copies in class
   * path order, as the first one is what a class loader takes. The same classes give the same
   * digest whether they come from {@code target/classes} and the local Maven repository or from the
   * packaged jar and its {@code lib/}, and a rebuild that changes no class changes nothing; the
   * jars' own manifests and Maven metadata are left out.
   */
  static String code(Set<Path> classPath) {
    SortedMap<String, List<String>> items = new TreeMap<>();
    SortedSet<String> unreadable = new TreeSet<>();
    for (Path entry : classPath) {
      if (Files.isDirectory(entry)) {
        // Every file that can be read, and the name of each one or folder that cannot: a folder
        // that cannot be opened hides only itself, so a change to the rest still shows.
        for (Path file : walk(entry, unreadable)) {
          if (Files.isRegularFile(file)) {
            try {
              byte[] content = Files.readAllBytes(file);
              CRC32 crc = new CRC32();
              crc.update(content);
              item(
                  items,
                  entry.relativize(file).toString().replace('\\', '/'),
                  content.length,
                  crc.getValue());
            } catch (IOException e) {
              unreadable.add("unreadable " + file);
            }
          }
        }
      } else if (Files.isRegularFile(entry)) {
        try (ZipFile zip = new ZipFile(entry.toFile())) {
          Enumeration<? extends ZipEntry> files = zip.entries();
          while (files.hasMoreElements()) {
            ZipEntry file = files.nextElement();
            if (!file.isDirectory()) {
              item(items, file.getName(), file.getSize(), file.getCrc());
            }
          }
        } catch (IOException e) {
          unreadable.add("unreadable " + entry);
        }
      }
    }
    MessageDigest sha = sha256();
    items.forEach((name, copies) -> sha.update(utf8(name + " " + String.join(" ", copies) + "\n")));
    unreadable.forEach(item -> sha.update(utf8(item + "\n")));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void item(
      SortedMap<String, List<String>> items, String name, long size, long crc) {
    if (name.equals("META-INF/MANIFEST.MF")
        || name.equals("META-INF/INDEX.LIST")
        || name.startsWith("META-INF/maven/")) {
      return;
    }
    items.computeIfAbsent(name, n -> new ArrayList<>()).add(size + " " + Long.toHexString(crc));
  }

  /** Every class folder and jar the stack's code may load from, in class path order. */
  static Set<Path> classPath(ClassLoader code) {
    Set<Path> entries = new LinkedHashSet<>();
    List<ClassLoader> chain = new ArrayList<>();
    for (ClassLoader loader = code; loader != null; loader = loader.getParent()) {
      chain.add(loader);
    }
    for (ClassLoader loader : chain) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          if ("file".equals(url.getProtocol())) {
            try {
              entries.add(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
              entries.add(Path.of(url.getPath()));
            }
          }
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
        try (JarFile file = new JarFile(jar.toFile())) {
          Manifest manifest = file.getManifest();
          String more =
              manifest == null
                  ? null
                  : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
          if (more != null) {
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
        } catch (IOException e) {
          entries.add(Path.of(jar + " (unreadable)"));
        }
      }
    }
    return entries;
  }

  /** What {@code command version} prints, or why it printed nothing. */
  private static String version(List<String> command) {
    List<String> run = new ArrayList<>(command);
    run.add("version");
    try {
      Process process = new ProcessBuilder(run).redirectErrorStream(true).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> output =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return process.getInputStream().readAllBytes();
                } catch (IOException e) {
                  return utf8("unreadable");
                }
              });
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return "version: no answer";
      }
      return "version "
          + process.exitValue()
          + " "
          + new String(output.join(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "version: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "version: interrupted";
    }
  }

  /** A file's or a whole folder's paths, sizes and modification times. */
  private static void stat(StringBuilder text, Path path) {
    if (path == null) {
      text.append("none\n");
      return;
    }
    text.append(path.toAbsolutePath()).append('\n');
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isDirectory()) {
        text.append(attributes.size()).append(' ').append(attributes.lastModifiedTime());
        text.append('\n');
        return;
      }
      SortedSet<String> unreadable = new TreeSet<>();
      for (Path file : walk(path, unreadable)) {
        try {
          BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
          text.append(path.relativize(file)).append(' ');
          text.append(a.isDirectory() ? "dir" : a.size() + " " + a.lastModifiedTime());
          text.append('\n');
        } catch (IOException e) {
          text.append(file).append(" unreadable\n");
        }
      }
      unreadable.forEach(item -> text.append(item).append('\n'));
    } catch (IOException e) {
      text.append("missing\n");
    }
  }

  /**
   * Every file and folder under {@code root}, sorted, links not followed; each one that cannot be
   * opened or read is named in {@code unreadable} instead, and the walk goes on past it. A root
   * that is itself a link to a folder is followed (a walk otherwise yields the link alone, and its
   * folder's content would count for nothing); what is found is named under {@code root} still.
   */
  private static List<Path> walk(Path root, SortedSet<String> unreadable) {
    List<Path> found = new ArrayList<>();
    Path start = root;
    if (Files.isSymbolicLink(root)) {
      try {
        start = root.toRealPath();
      } catch (IOException e) {
        unreadable.add("unreadable " + root);
        return found;
      }
    }
    Path target = start;
    Function<Path, Path> under = p -> root.resolve(target.relativize(p));
    try {
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              found.add(under.apply(dir));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              found.add(under.apply(file));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              unreadable.add("unreadable " + under.apply(file));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              // A folder that opened but whose listing then failed.
              if (e != null) {
                unreadable.add("unreadable " + under.apply(dir));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      unreadable.add("unreadable " + root);
    }
    found.sort(null);
    return found;
  }

  private String digest(List<byte[]> parts) {
    MessageDigest sha = sha256();
    sha.update(HexFormat.of().parseHex(record.salt().isEmpty() ? "00" : record.salt()));
    for (byte[] part : parts) {
      // Length-prefixed, so that no two lists of parts hash alike.
      sha.update(utf8(part.length + ":"));
      sha.update(part);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String sha256(byte[] content) {
    return HexFormat.of().formatHex(sha256().digest(content));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
