package io.stackwright.env;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding. The JDK's default decoding silently substitutes U+FFFD for bad bytes,
 * which would let a mis-saved file load with corrupted values; here a bad byte is a problem at its
 * line.
 */
final class Utf8 {

  private Utf8() {}

  /**
   * Decodes {@code bytes}, dropping a leading byte-order mark.
   *
   * @return the text, or {@code null} after recording a problem
   */
  static String decode(byte[] bytes, ProblemCollector problems) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never yields more UTF-16 units than it has bytes, so one call decodes everything.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      report(bytes, in.position(), out, problems);
      return null;
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * On an error the input position is the first bad byte and the output holds the text before it.
   */
  private static void report(
      byte[] bytes, int badByte, CharBuffer decodedSoFar, ProblemCollector problems) {
    int line = 1;
    for (int i = 0; i < badByte; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    int column = 1;
    for (int i = decodedSoFar.position() - 1; i >= 0 && decodedSoFar.get(i) != '\n'; i--) {
      column++;
    }
    problems.add(
        line,
        column,
        "",
        String.format(
            "the file is not valid UTF-8: byte 0x%02X on line %d is not part of a valid character",
            bytes[badByte] & 0xFF, line),
        "save the file with UTF-8 encoding");
  }
}
