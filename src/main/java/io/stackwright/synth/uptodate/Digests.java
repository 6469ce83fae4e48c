package io.stackwright.synth.uptodate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 digests the record keeps: of a file's bytes, and of inputs with the record's salt.
 */
final class Digests {
  private Digests() {}

  /**
   * The digest of {@code parts} with {@code salt} (hex; none when empty), each part
   * length-prefixed, so that no two lists of parts hash alike.
   */
  static String salted(String salt, List<byte[]> parts) {
    MessageDigest sha = sha256();
    sha.update(HexFormat.of().parseHex(salt.isEmpty() ? "00" : salt));
    for (byte[] part : parts) {
      sha.update(utf8(part.length + ":"));
      sha.update(part);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** {@return the SHA-256 of {@code content}, in hex} */
  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(sha256().digest(content));
  }

  /** {@return a new SHA-256 digest} */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /** {@return the text's UTF-8 bytes} */
  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
