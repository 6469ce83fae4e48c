package io.stackwright.synth.uptodate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The record's file, {@code .stackwright/up-to-date.json} in the project folder: JSON sealed with a
 * key of the user's own ({@link RecordSeal}), so that a record the synth did not write (edited by
 * hand, or brought by a pull request) is never believed, in a folder that also holds a {@code
 * .gitignore}, so that it is never committed. It keeps digests only: variable values are hashed
 * with a random salt of the record's own, never stored. What cannot be read or opened, or does not
 * have this version's layout, is no record; nothing is read or written through a symbolic link.
 */
final class RecordFile {
  /** Far larger than the record of any stack. */
  private static final long MAX_RECORD_BYTES = 64L << 20;

  /** The record's reader and writer, made on first use: a synth that keeps no record needs none. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  private final Path folder;
  private final RecordSeal seal;

  /**
   * The record file in {@code folder}, sealed with {@code seal}.
   *
   * @param folder the record's folder, {@link UpToDate#FOLDER} in the project
   * @param seal the user's seal
   */
  RecordFile(Path folder, RecordSeal seal) {
    this.folder = folder;
    this.seal = seal;
  }

  /**
   * The record, with only its whole entries; {@code null} when there is none, or it cannot be read
   * or opened, or another version wrote it: a damaged record only costs a full synth, which writes
   * a good one.
   */
  StoredRecord read() {
    try {
      Path file = folder.resolve(UpToDate.FILE);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
          || Files.size(file) > MAX_RECORD_BYTES) {
        return null;
      }
      byte[] json = seal.open(Files.readAllBytes(file));
      StoredRecord read = json == null ? null : Json.MAPPER.readValue(json, StoredRecord.class);
      return read != null && read.usable() ? read.wholeEntriesOnly() : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Writes the record: to a temporary file beside it, then moved into place.
   *
   * @throws IOException when it cannot be written, or its folder is a symbolic link
   */
  void write(StoredRecord record) throws IOException {
    Files.createDirectories(folder);
    if (Files.isSymbolicLink(folder)) {
      throw new IOException(
          folder + " is a symbolic link; the record is never written through one");
    }
    writeGitignore();
    Path temp = Files.createTempFile(folder, UpToDate.FILE, ".tmp");
    try {
      Files.write(temp, seal.seal(Json.MAPPER.writeValueAsBytes(record)));
      try {
        Files.move(temp, folder.resolve(UpToDate.FILE), StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, folder.resolve(UpToDate.FILE), StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void writeGitignore() throws IOException {
    try {
      Files.write(
          folder.resolve(".gitignore"),
          "# Written by the synth; local to this checkout.\n*\n".getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    } catch (FileAlreadyExistsException e) {
      // Written by an earlier synth, or a link that is not followed: either way, left alone.
    }
  }
}
