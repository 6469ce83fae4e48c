package io.stackwright.synth.uptodate;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The record as stored in {@code .stackwright/up-to-date.json}.
 *
 * @param format the layout's version; another version is ignored
 * @param salt hex, random, made with the record
 * @param environments each environment's entries, the latest first: each one a set of inputs and
 *     the files they made, any of which may be what {@code dist/<env>/} holds
 */
record StoredRecord(int format, String salt, SortedMap<String, List<Entry>> environments) {
  /** The layout's version. */
  static final int FORMAT = 3;

  /**
   * How many entries an environment keeps. More than one, because one checkout is often synthesized
   * by more than one build of the same code (Maven's class path and the packaged jar, an IDE) or
   * with two validation modes, each with inputs of its own; with one entry they would push each
   * other out and neither would ever be up to date.
   */
  static final int ENTRIES_PER_ENVIRONMENT = 4;

  /** {@return a record of no environment, with a new random salt} */
  static StoredRecord fresh() {
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    return new StoredRecord(FORMAT, HexFormat.of().formatHex(salt), new TreeMap<>());
  }

  /** {@return a record of no environment and no salt, for a synth that keeps none} */
  static StoredRecord none() {
    return new StoredRecord(FORMAT, "", new TreeMap<>());
  }

  /** {@return whether this version can use it: its layout, a salt of 64 hex digits, a map} */
  boolean usable() {
    return format == FORMAT
        && salt != null
        && salt.length() == 64
        && salt.chars().allMatch(HexFormat::isHexDigit)
        && environments != null;
  }

  /**
   * This record without the entries that have a part missing (edited by hand, or from an older
   * synth), as if those environments had never been recorded.
   */
  StoredRecord wholeEntriesOnly() {
    SortedMap<String, List<Entry>> whole = new TreeMap<>();
    environments.forEach(
        (name, entries) -> {
          List<Entry> kept =
              entries == null
                  ? List.of()
                  : entries.stream().filter(e -> e != null && e.isWhole()).toList();
          if (!kept.isEmpty()) {
            whole.put(name, kept);
          }
        });
    return new StoredRecord(format, salt, whole);
  }

  /** {@return the environment's entries, the latest first; none when it was never recorded} */
  List<Entry> entries(String environment) {
    return environments.getOrDefault(environment, List.of());
  }

  /** {@return the salted digest of {@code parts}} */
  String digest(List<byte[]> parts) {
    return Digests.salted(salt, parts);
  }

  /**
   * This record with the environments of a synth: each new entry first, in place of any older one
   * with the same inputs; an environment whose entry is {@code null} (its inputs cannot be known)
   * loses its entries, so that no later synth compares with them.
   */
  StoredRecord with(Map<String, Entry> rendered) {
    SortedMap<String, List<Entry>> updated = new TreeMap<>(environments);
    rendered.forEach(
        (environment, entry) -> {
          if (entry == null) {
            updated.remove(environment);
            return;
          }
          List<Entry> entries = new ArrayList<>();
          entries.add(entry);
          entries(environment).stream()
              .filter(e -> !e.inputs().equals(entry.inputs()))
              .limit(ENTRIES_PER_ENVIRONMENT - 1)
              .forEach(entries::add);
          updated.put(environment, entries);
        });
    return new StoredRecord(format, salt, updated);
  }
}
