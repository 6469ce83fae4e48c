package io.stackwright.output;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a synth would change in {@code dist/}, as a reviewer reads it: file by file, and inside a
 * Kubernetes manifest or a Compose file object by object ({@code Deployment/backend}, {@code
 * ComposeService/backend}), each a unified diff whose line numbers are the file's. Secret-looking
 * values are masked on both sides before comparing, so the diff never prints one; a change that
 * only a masked value makes is reported as such.
 */
public final class ObjectDiff {
  private static final int CONTEXT_LINES = 3;
  private static final String MASK = "********";
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(,\\d+)? \\+(\\d+)(,\\d+)? @@");
  private static final String CREDENTIAL =
      "[A-Za-z0-9_.-]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)"
          + "[A-Za-z0-9_.-]*";
  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile(
          "^(\\s*(?:- )?\"?(" + CREDENTIAL + ")\"?\\s*[:=]\\s*)(\\S.*)$", Pattern.CASE_INSENSITIVE);

  /** A Kubernetes env entry's name line, whose value follows on the next line. */
  private static final Pattern CREDENTIAL_NAME =
      Pattern.compile("^\\s*- name: \"?(" + CREDENTIAL + ")\"?$", Pattern.CASE_INSENSITIVE);

  /** Keys that name a secret or a file holding one, rather than hold one. */
  private static final Pattern REFERENCE_KEY =
      Pattern.compile(".*(?:name|ref|file|path)$", Pattern.CASE_INSENSITIVE);

  /**
   * Settings whose names hold a credential word but whose values are never secret, so that a change
   * to them stays visible: how passwords are hashed or for how long tokens live ({@code
   * password_encryption}), and whether a pod gets an API token ({@code
   * automountServiceAccountToken}). Anchored at the end, so that {@code password_encryption_key} is
   * still masked.
   */
  private static final Pattern NOT_SECRET =
      Pattern.compile(
          ".*(?:PASSWORD|PASSWD|SECRET|TOKEN)S?[_.-]?"
              + "(?:ENCRYPTION|ALGORITHM|HASH_?ALGORITHM|ENCODING|TTL|TIMEOUT|LIFETIME|EXPIRY"
              + "|MIN_?LENGTH|POLICY)"
              + "|automountServiceAccountToken",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern DEV_MARK = Pattern.compile("dev-only-not-secret[^\\s\"']*");

  private ObjectDiff() {}

  /** How an object or file changes. */
  public enum Change {
    /** Only in the new output. */
    ADDED,
    /** Only on disk. */
    REMOVED,
    /** In both, with other content. */
    CHANGED
  }

  /**
   * One changed object of a file, or the file as a whole for a file without objects.
   *
   * @param object {@code Kind/name}, {@code ComposeService/name}, or {@code ""} for the file as a
   *     whole
   * @param change how it changes
   * @param diff the unified diff hunks, with the file's line numbers
   */
  public record ObjectChange(String object, Change change, String diff) {}

  /**
   * One changed file.
   *
   * @param path the file's path, as {@code git diff} names it ({@code dist/prod/backend.yaml})
   * @param change how the file changes
   * @param objects what changes in it, in file order
   */
  public record FileChange(String path, Change change, List<ObjectChange> objects) {
    /**
     * Copies the list.
     *
     * @param path see {@link #path()}
     * @param change see {@link #change()}
     * @param objects see {@link #objects()}
     */
    public FileChange {
      objects = List.copyOf(objects);
    }
  }

  /**
   * Every file that differs between {@code before} (on disk) and {@code after} (synthesized).
   *
   * @param prefix the folder both are relative to, as shown ({@code dist/prod/})
   * @param before the files on disk, by relative path
   * @param after the synthesized files, by relative path
   * @return the changes, sorted by path; empty when there is none
   */
  public static List<FileChange> compare(
      String prefix,
      SortedMap<String, DistWriter.Bytes> before,
      SortedMap<String, DistWriter.Bytes> after) {
    TreeSet<String> paths = new TreeSet<>(before.keySet());
    paths.addAll(after.keySet());
    List<FileChange> changes = new ArrayList<>();
    for (String path : paths) {
      DistWriter.Bytes old = before.get(path);
      DistWriter.Bytes now = after.get(path);
      if (old != null && old.equals(now)) {
        continue;
      }
      Change change = old == null ? Change.ADDED : now == null ? Change.REMOVED : Change.CHANGED;
      String rawFrom = old == null ? "" : old.toString();
      String rawTo = now == null ? "" : now.toString();
      changes.add(new FileChange(prefix + path, change, objects(path, rawFrom, rawTo)));
    }
    return changes;
  }

  /** The changed objects of one file, shown from its masked texts. */
  private static List<ObjectChange> objects(String path, String rawFrom, String rawTo) {
    String from = mask(path, rawFrom);
    String to = mask(path, rawTo);
    List<String> fromLines = from.isEmpty() ? List.of() : from.lines().toList();
    List<String> toLines = to.isEmpty() ? List.of() : to.lines().toList();
    Map<String, int[]> fromObjects = split(path, fromLines);
    Map<String, int[]> toObjects = split(path, toLines);
    Set<String> keys = new LinkedHashSet<>(toObjects.keySet());
    keys.addAll(fromObjects.keySet());
    List<ObjectChange> changes = new ArrayList<>();
    for (String key : keys) {
      int[] a = fromObjects.get(key);
      int[] b = toObjects.get(key);
      List<String> oldPart = a == null ? List.of() : fromLines.subList(a[0], a[1]);
      List<String> newPart = b == null ? List.of() : toLines.subList(b[0], b[1]);
      if (oldPart.equals(newPart)) {
        continue;
      }
      Change change = a == null ? Change.ADDED : b == null ? Change.REMOVED : Change.CHANGED;
      String diff = hunks(oldPart, newPart, a == null ? 0 : a[0], b == null ? 0 : b[0]);
      changes.add(new ObjectChange(key, change, diff));
    }
    if (changes.isEmpty() && from.equals(to)) {
      // Only masked values differ: name the objects that hold them, never the values.
      List<String> rawFromLines = rawFrom.lines().toList();
      List<String> rawToLines = rawTo.lines().toList();
      Map<String, int[]> a = split(path, rawFromLines);
      Map<String, int[]> b = split(path, rawToLines);
      for (Map.Entry<String, int[]> entry : b.entrySet()) {
        int[] old = a.get(entry.getKey());
        if (old != null
            && !rawFromLines
                .subList(old[0], old[1])
                .equals(rawToLines.subList(entry.getValue()[0], entry.getValue()[1]))) {
          changes.add(
              new ObjectChange(
                  entry.getKey(), Change.CHANGED, "(only a masked secret value differs)\n"));
        }
      }
    }
    if (changes.isEmpty()) {
      // The texts differ only in line endings or the final newline.
      changes.add(
          new ObjectChange(
              "",
              Change.CHANGED,
              from.equals(to)
                  ? "(only line endings or the final newline differ)\n"
                  : hunks(fromLines, toLines, 0, 0)));
    }
    return changes;
  }

  /**
   * The objects of a file, by name, each as a range of lines [start, end): the documents of a
   * Kubernetes manifest, the entries of each section of a Compose file; any other file is one
   * object, named {@code ""}.
   */
  private static Map<String, int[]> split(String path, List<String> lines) {
    Map<String, int[]> objects = new LinkedHashMap<>();
    if (path.endsWith("compose.yaml")) {
      String section = "";
      String name = "";
      int start = 0;
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        String next = null;
        if (!line.startsWith(" ") && !line.startsWith("#") && line.contains(":")) {
          section = line.substring(0, line.indexOf(':'));
          next = "compose/" + section;
        } else if (line.matches("  [^ #-][^:]*:.*")) {
          next = composeKind(section) + "/" + line.trim().substring(0, line.trim().indexOf(':'));
        }
        if (next != null) {
          if (i > start) {
            objects.put(name, new int[] {start, i});
          }
          name = next;
          start = i;
        }
      }
      if (lines.size() > start) {
        objects.put(name, new int[] {start, lines.size()});
      }
      return objects;
    }
    if (!path.contains("/") && path.endsWith(".yaml")) {
      int start = 0;
      for (int i = 0; i <= lines.size(); i++) {
        if (i == lines.size() || (lines.get(i).equals("---") && i > start)) {
          if (i > start) {
            objects.put(unique(objects, reference(lines.subList(start, i))), new int[] {start, i});
          }
          start = i;
        }
      }
      return objects;
    }
    objects.put("", new int[] {0, lines.size()});
    return objects;
  }

  private static String composeKind(String section) {
    return switch (section) {
      case "services" -> "ComposeService";
      case "networks" -> "ComposeNetwork";
      case "volumes" -> "ComposeVolume";
      case "secrets" -> "ComposeSecret";
      case "configs" -> "ComposeConfig";
      default -> "compose/" + section;
    };
  }

  /** {@code Kind/name} of one manifest document, from its top-level kind and metadata name. */
  private static String reference(List<String> document) {
    String kind = "";
    String name = "";
    boolean metadata = false;
    for (String line : document) {
      if (line.startsWith("kind: ")) {
        kind = line.substring(6).trim();
      }
      if (!line.startsWith(" ")) {
        metadata = line.equals("metadata:");
      } else if (metadata && line.startsWith("  name: ")) {
        name = line.substring(8).trim();
      }
    }
    return kind + "/" + name;
  }

  private static String unique(Map<String, int[]> objects, String key) {
    String candidate = key;
    for (int n = 2; objects.containsKey(candidate); n++) {
      candidate = key + " (" + n + ")";
    }
    return candidate;
  }

  /** Unified diff hunks of two parts, renumbered to the lines of their files. */
  private static String hunks(List<String> from, List<String> to, int fromOffset, int toOffset) {
    if (DistDiff.tooCostly(from, to)) {
      return DistDiff.tooCostlyNote(from, to);
    }
    List<String> diff =
        UnifiedDiffUtils.generateUnifiedDiff(
            "a", "b", from, DiffUtils.diff(from, to), CONTEXT_LINES);
    StringBuilder out = new StringBuilder();
    for (String line : diff.subList(Math.min(2, diff.size()), diff.size())) {
      Matcher hunk = HUNK.matcher(line);
      if (hunk.find()) {
        line =
            "@@ -"
                + (Integer.parseInt(hunk.group(1)) + fromOffset)
                + (hunk.group(2) == null ? "" : hunk.group(2))
                + " +"
                + (Integer.parseInt(hunk.group(3)) + toOffset)
                + (hunk.group(4) == null ? "" : hunk.group(4))
                + " @@"
                + line.substring(hunk.end());
      }
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /**
   * The text with every secret-looking value replaced: every line of a secret file, the data of a
   * Kubernetes Secret (wherever {@code kind: Secret} stands in its document), the value of a
   * credential-named key unless it is a file path, a variable or a known setting that is not
   * secret, and every marked development value.
   */
  static String mask(String path, String text) {
    if (path.startsWith("compose/secrets/") || path.contains("/secrets/")) {
      return text.lines().map(line -> MASK).reduce("", (a, b) -> a + b + "\n");
    }
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    // Keys are sorted, so data: comes before kind: Secret: decide for each whole document first.
    boolean[] inSecret = new boolean[lines.length];
    for (int start = 0; start < lines.length; ) {
      int end = start + 1;
      while (end < lines.length && !lines[end].equals("---")) {
        end++;
      }
      boolean secret = false;
      for (int i = start; i < end; i++) {
        secret |= lines[i].equals("kind: Secret");
      }
      for (int i = start; i < end; i++) {
        inSecret[i] = secret;
      }
      start = end;
    }
    boolean data = false;
    boolean valueFollows = false;
    // A masked value written as a block (a PEM key, a config file) goes on in the lines indented
    // deeper than its key: those are masked too.
    int maskedIndent = -1;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean secret = inSecret[i];
      int indent = line.length() - line.stripLeading().length();
      if (maskedIndent >= 0 && !line.isBlank() && indent > maskedIndent) {
        out.append(line, 0, indent).append(MASK).append('\n');
        continue;
      }
      maskedIndent = -1;
      if (line.equals("---")) {
        data = false;
      }
      if (!line.startsWith(" ")) {
        data = line.equals("data:") || line.equals("stringData:");
      }
      String masked = line;
      Matcher credential = CREDENTIAL_KEY.matcher(line);
      if (secret && data && line.startsWith("  ") && line.contains(":")) {
        masked = line.substring(0, line.indexOf(':') + 1) + " " + MASK;
      } else if (valueFollows && line.trim().startsWith("value:")) {
        masked = line.substring(0, line.indexOf("value:") + 6) + " " + MASK;
      } else if (credential.matches()
          && !REFERENCE_KEY.matcher(credential.group(2)).matches()
          && !NOT_SECRET.matcher(credential.group(2)).matches()
          && !isReference(credential.group(3))) {
        masked = credential.group(1) + MASK;
      }
      if (!masked.equals(line) && BLOCK_START.matcher(line).matches()) {
        maskedIndent = indent;
      }
      masked = DEV_MARK.matcher(masked).replaceAll(MASK);
      Matcher name = CREDENTIAL_NAME.matcher(line);
      valueFollows =
          name.matches()
              && !REFERENCE_KEY.matcher(name.group(1)).matches()
              && !NOT_SECRET.matcher(name.group(1)).matches();
      out.append(masked).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * A key whose value follows on the lines below: a block scalar ({@code |}, {@code >-}) or none.
   */
  private static final Pattern BLOCK_START = Pattern.compile(".*:(\\s*[|>][-+0-9]*)?\\s*$");

  /** A value that names where a secret is (a path, a variable) rather than being one. */
  private static boolean isReference(String value) {
    String bare = value.replaceAll("^[\"']", "");
    return bare.startsWith("/") || bare.startsWith("${") || bare.startsWith("$${");
  }
}
