package io.stackwright.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the command line prints can hold no terminal escape and no hidden or reordered text. */
class PrintableWriterTest {

  private static String printed(String text) {
    StringWriter sink = new StringWriter();
    try (PrintWriter out = new PrintWriter(new PrintableWriter(sink))) {
      out.print(text);
    }
    return sink.toString();
  }

  @Test
  void escapesControlAndFormatCharactersButKeepsLinesAndTabs() {
    assertThat(printed("a\u001b[8mb\u202Ec\u0007d")).isEqualTo("a\\u001B[8mb\\u202Ec\\u0007d");
    assertThat(printed("one\n\ttwo\r\nthree")).isEqualTo("one\n\ttwo\r\nthree");
    assertThat(printed("over\rwrite")).isEqualTo("over\\u000Dwrite");
    assertThat(printed("plain text, ünïcödé")).isEqualTo("plain text, ünïcödé");
  }
}
