package io.stackwright.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Input quoted in a message can neither forge a line nor flood a terminal. */
class PrintableTest {

  @Test
  void plainTextIsLeftAsItIs() {
    assertThat(Printable.line("replicas: 3 — ünïcode")).isEqualTo("replicas: 3 — ünïcode");
  }

  @Test
  void controlAndFormatCharactersAreWrittenAsEscapes() {
    assertThat(Printable.escape("a\nb\tc\rd\u001B[31me\u202Ef\u2028g"))
        .isEqualTo("a\\nb\\tc\\rd\\u001B[31me\\u202Ef\\u2028g");
  }

  @Test
  void aLongValueIsCutInTheMiddleSayingHowMuchWasLeftOut() {
    String text = "a".repeat(300) + "b".repeat(500) + "c".repeat(120);

    String line = Printable.line(text);

    assertThat(line)
        .startsWith("a".repeat(280))
        .contains("…(520 characters left out)…")
        .endsWith("c".repeat(120));
  }

  @Test
  void aCutNeverSplitsASurrogatePair() {
    String emoji = "\uD83D\uDE00";
    // The first cut falls between the two halves of the pair at index 279–280.
    String text = "a".repeat(279) + emoji + "b".repeat(600);

    String line = Printable.line(text);

    assertThat(line).startsWith("a".repeat(279) + "…(");
    assertThat(line.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2).isZero();
  }

  @Test
  void textOfTheLimitIsKeptWhole() {
    String text = "x".repeat(Printable.MAX_LENGTH);

    assertThat(Printable.line(text)).isEqualTo(text);
  }
}
