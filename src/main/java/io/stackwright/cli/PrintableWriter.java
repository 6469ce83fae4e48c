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
    write(String.valueOf((char) c), 0, 1);
  }

  @Override
  public void write(char[] buffer, int offset, int length) throws IOException {
    write(new String(buffer, offset, length), 0, length);
  }

  /** Writes each run of printable text at once, and an escape for each character between runs. */
  @Override
  public void write(String text, int offset, int length) throws IOException {
    int run = offset;
    for (int i = offset; i < offset + length; i++) {
      char c = text.charAt(i);
      // A line end as println writes it on Windows is a line end too.
      boolean lineEnd = c == '\r' && i + 1 < offset + length && text.charAt(i + 1) == '\n';
      if (c != '\n' && c != '\t' && !lineEnd && Printable.isUnprintable(c)) {
        out.write(text, run, i - run);
        out.write(String.format(Locale.ROOT, "\\u%04X", (int) c));
        run = i + 1;
      }
    }
    out.write(text, run, offset + length - run);
  }
}
