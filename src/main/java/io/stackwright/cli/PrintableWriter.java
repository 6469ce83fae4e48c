package io.stackwright.cli;

import io.stackwright.text.Printable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Everything the command line prints passes through here: a control character other than a newline
 * or a tab is written as an escape, so that no text it quotes (a file of {@code dist/} a diff
 * shows, an argument, a message from another program) can send a terminal or a CI log an escape
 * sequence that hides or rewrites what is shown. Values are escaped where they are quoted as well;
 * this is the net under every other path.
 */
final class PrintableWriter extends FilterWriter {

  PrintableWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    char ch = (char) c;
    if (ch != '\n' && ch != '\t' && Printable.isUnprintable(ch)) {
      out.write(String.format(Locale.ROOT, "\\u%04X", c & 0xFFFF));
    } else {
      out.write(c);
    }
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(buffer[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(text.charAt(i));
    }
  }
}
