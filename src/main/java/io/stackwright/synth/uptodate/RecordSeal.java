package io.stackwright.synth.uptodate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the up-to-date record with a key that never leaves the user's home, so that a record the
 * synth did not write itself (edited by hand, committed with {@code git add -f}, brought by a pull
 * request) is never believed: it could otherwise report an environment whose file changed as up to
 * date, and leave a stale {@code dist/} in place. A record is a line with the HMAC-SHA256 of the
 * rest, then the record's JSON; the key is 32 random bytes in {@code
 * ~/.config/stackwright/record.key} (mode 0600), made on first use.
 */
final class RecordSeal {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int KEY_BYTES = 32;

  private final byte[] key;

  private RecordSeal(byte[] key) {
    this.key = key;
  }

  /**
   * The user's seal, made on first use; {@code null} when its key can be neither read nor made (a
   * read-only home): the record is then not used at all, which only costs a full synth.
   */
  static RecordSeal ofUser() {
    Path file = Path.of(System.getProperty("user.home"), ".config", "stackwright", "record.key");
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      byte[] key = Files.readAllBytes(file);
      return key.length == KEY_BYTES ? new RecordSeal(key) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    byte[] key = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(key);
    Path temp = Files.createTempFile(file.getParent(), "record.key", ".tmp");
    try {
      if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      }
      Files.write(temp, key);
      try {
        // Two synths making the key at once: the first one's stays, and both then read it.
        Files.move(temp, file);
      } catch (FileAlreadyExistsException e) {
        // The other one's.
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The file's bytes for a record's JSON: the seal's line, then the JSON. */
  byte[] seal(byte[] json) {
    byte[] line = (HexFormat.of().formatHex(mac(json)) + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] file = Arrays.copyOf(line, line.length + json.length);
    System.arraycopy(json, 0, file, line.length, json.length);
    return file;
  }

  /** The record's JSON, if this seal made the file; else {@code null}. */
  byte[] open(byte[] file) {
    int newline = indexOf(file, (byte) '\n');
    if (newline != 64) {
      return null;
    }
    byte[] json = Arrays.copyOfRange(file, newline + 1, file.length);
    byte[] claimed;
    try {
      claimed = HexFormat.of().parseHex(new String(file, 0, newline, StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      return null;
    }
    return MessageDigest.isEqual(claimed, mac(json)) ? json : null;
  }

  private byte[] mac(byte[] content) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(content);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no " + ALGORITHM, e);
    }
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
