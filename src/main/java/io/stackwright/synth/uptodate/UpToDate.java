package io.stackwright.synth.uptodate;

import io.stackwright.model.StackModel;
import io.stackwright.output.SynthOutput;
import io.stackwright.validate.Layer;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidationMode;
import io.stackwright.validate.ValidationReport;
import io.stackwright.validate.Waiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

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
 * <p>The record ({@link RecordFile}, sealed by {@link RecordSeal}) keeps digests only, salted; one
 * that cannot be read or opened is ignored, and a synth that cannot write it still succeeds. This
 * class is the package's one entry point: the synth asks it; the rest stores, reads and digests.
 */
public final class UpToDate {
  /** The record's folder in the project. */
  public static final String FOLDER = ".stackwright";

  /** The record's file in {@link #FOLDER}. */
  public static final String FILE = "up-to-date.json";

  private final RecordFile file;
  private final DistFolders dist;
  private final Supplier<String> sharedInputs;
  private String shared;
  private final StoredRecord record;
  private final ValidationMode mode;
  private final Map<String, Entry> fresh = new LinkedHashMap<>();

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

  /** A record kept in {@code file}, or none when {@code file} is {@code null}. */
  private UpToDate(
      RecordFile file,
      DistFolders dist,
      Supplier<String> sharedInputs,
      StoredRecord record,
      ValidationMode mode) {
    this.file = file;
    this.dist = dist;
    this.sharedInputs = sharedInputs;
    this.record = record;
    this.mode = mode;
  }

  /**
   * No record: every environment is rendered and checked ({@code --rebuild}, tests, diff).
   *
   * @return a record that finds no environment up to date
   */
  public static UpToDate disabled() {
    return new UpToDate(null, null, () -> "", StoredRecord.none(), ValidationMode.AUTO);
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
    RecordFile file = new RecordFile(folder, seal);
    StoredRecord record = file.read();
    // What every environment shares is digested when first needed: reading every jar's index takes
    // a while, and whether Node.js must start can be told without it (mayBeCurrent).
    return new UpToDate(
        file,
        new DistFolders(dist),
        () -> SharedInputs.of(mode, tools, code, env),
        record == null ? StoredRecord.fresh() : record,
        mode);
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
    List<Entry> entries = record.entries(environment);
    if (!enabled() || entries.isEmpty()) {
      return false;
    }
    String digest;
    try {
      digest = record.digest(List.of(Files.readAllBytes(environmentFile)));
    } catch (IOException e) {
      return false;
    }
    return entries.stream()
        .anyMatch(entry -> entry.file().equals(digest) && dist.hold(environment, entry));
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
   * @return the digest
   */
  public String inputs(
      String environment,
      byte[] file,
      SortedMap<String, String> variables,
      StackModel model,
      List<Waiver> waivers) {
    return record.digest(
        EnvironmentInputs.parts(shared(), environment, file, variables, model, waivers));
  }

  /**
   * The environment as {@code dist/<env>/} holds it, if its inputs are those recorded and the
   * folder holds exactly the recorded files.
   *
   * @param environment the environment's name
   * @param inputs the digest of its inputs ({@link #inputs})
   * @return its files and what its gate found, or nothing when it must be rendered
   */
  public Optional<Current> current(String environment, String inputs) {
    Entry entry =
        record.entries(environment).stream()
            .filter(e -> e.inputs().equals(inputs))
            .findFirst()
            .orElse(null);
    if (!enabled() || entry == null) {
      return Optional.empty();
    }
    return dist.output(environment, entry)
        .map(output -> new Current(output, entry.layers(), entry.skipped(), entry.waived()));
  }

  /**
   * Notes an environment rendered and checked in this synth, to be recorded by {@link #save} once
   * its files are written.
   *
   * @param environment the environment's name
   * @param file the bytes of its environment file, as loaded
   * @param inputs the digest of its inputs, or {@code null} when they cannot be known (a stack with
   *     patches): its entries are then dropped, so that no later synth compares with them
   * @param output its files
   * @param report what the gate found
   */
  public void rendered(
      String environment, byte[] file, String inputs, SynthOutput output, ValidationReport report) {
    if (!enabled()) {
      return;
    }
    fresh.put(
        environment,
        inputs == null
            ? null
            : Entry.of(record.digest(List.of(file)), inputs, environment, output, report));
  }

  /**
   * Records the environments rendered in this synth, after their files were written. Best effort: a
   * record that cannot be written only means the next synth renders them again.
   *
   * @return a notice when the record could not be written, else {@code null}
   */
  public String save() {
    if (!enabled() || fresh.isEmpty()) {
      return null;
    }
    StoredRecord updated = record.with(fresh);
    try {
      file.write(updated);
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

  /** {@return the validation mode of this synth} */
  public ValidationMode mode() {
    return mode;
  }

  /** {@return whether this synth uses and keeps the record} */
  public boolean enabled() {
    return file != null;
  }
}
