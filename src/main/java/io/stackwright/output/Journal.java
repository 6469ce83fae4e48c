package io.stackwright.output;

import io.stackwright.text.Printable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The journal of a {@link DistWriter} transaction ({@code dist/.swap}, then {@code
 * dist/.swap.done}): one line per name of {@code dist/} the transaction replaces, creates or
 * removes. The next synth acts on it before anything else, deleting and renaming folders, so it is
 * read as hostile input: only lines a writer itself produces are accepted, each naming a direct
 * child of {@code dist/} by a name a synth writes; anything else refuses the whole journal, and
 * nothing is touched.
 */
final class Journal {
  /** The uncommitted journal, in {@code dist/}. */
  static final String FILE = ".swap";

  /** The committed journal, in {@code dist/}. */
  static final String COMMITTED = ".swap.done";

  /** Far more than a transaction of every environment writes. */
  private static final long MAX_BYTES = 1L << 20;

  private static final Pattern LINE = Pattern.compile("(create|replace|remove) ([^ ]+)");

  /**
   * One line: a name of {@code dist/} and what the transaction does to it.
   *
   * @param name an environment's folder or a file at the top of {@code dist/}
   * @param hadOld whether it existed before the transaction
   * @param remove whether the transaction removes it
   */
  record Entry(String name, boolean hadOld, boolean remove) {
    String line() {
      return (remove ? "remove" : hadOld ? "replace" : "create") + " " + name;
    }
  }

  private Journal() {}

  /** The journal's text for these entries. */
  static byte[] text(List<Entry> entries) {
    StringBuilder text = new StringBuilder();
    entries.forEach(e -> text.append(e.line()).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The entries of a journal, checked line by line.
   *
   * @throws DistInput.UntrustedException when the journal is not a plain file, or holds anything a
   *     writer never writes
   * @throws IOException when it cannot be read
   */
  static List<Entry> read(Path journal) throws IOException {
    BasicFileAttributes attributes = DistInput.attributes(journal);
    if (attributes == null || !attributes.isRegularFile() || attributes.size() > MAX_BYTES) {
      throw refused(journal, "is not a journal a synth writes (a plain file of a few lines)");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(journal)))
              .toString();
    } catch (CharacterCodingException e) {
      throw refused(journal, "is not UTF-8 text, so no synth wrote it");
    }
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw refused(journal, "does not end in a complete line, so no synth wrote it");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Entry entry = parse(lines[i]);
      if (entry == null || !names.add(entry.name())) {
        throw refused(
            journal,
            "line "
                + (i + 1)
                + ", \""
                + Printable.line(lines[i])
                + "\", is not a line a synth writes there (create, replace or remove, then the name"
                + " of an environment's folder or of a file such as ENVIRONMENTS.md, each once)");
      }
      entries.add(entry);
    }
    return entries;
  }

  private static Entry parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    String name = m.group(2);
    boolean folder = DistWriter.isFolderName(name);
    boolean file = DistWriter.isFileName(name);
    return switch (m.group(1)) {
      case "create" -> folder || file ? new Entry(name, false, false) : null;
      case "replace" -> folder || file ? new Entry(name, true, false) : null;
      default -> folder ? new Entry(name, true, true) : null;
    };
  }

  private static DistInput.UntrustedException refused(Path journal, String what) {
    return new DistInput.UntrustedException(
        journal,
        what
            + ". It tells the next synth which folders of dist/ to delete and rename, so it is"
            + " not acted on, and nothing was touched",
        "compare dist/ with version control (git status dist), delete "
            + journal
            + " if no synth of yours was interrupted, and run again");
  }
}
