package io.stackwright.env;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

/** Rewords SnakeYAML's errors for someone editing a YAML file rather than debugging a parser. */
final class YamlErrors {

  private static final Pattern JAVA_NAME =
      Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:\\$\\w+)*:?\\s*");

  private YamlErrors() {}

  /** For a syntax error without a more specific remedy: where to look, and the usual cause. */
  private static final String SYNTAX_HINT =
      "fix the YAML at this position; quote a value that holds ': ', ' #', a tag (!) or starts with"
          + " a bracket";

  static void reportSyntax(MarkedYAMLException e, ProblemCollector problems) {
    Mark problemMark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    String problem = clean(e.getProblem() != null ? e.getProblem() : e.getContext());
    StringBuilder message = new StringBuilder("invalid YAML: ").append(problem);
    // A context is only worth showing when it points somewhere else, e.g. where a '[' was opened.
    Mark contextMark = e.getContextMark();
    if (e.getProblem() != null && e.getContext() != null && contextMark != null) {
      message
          .append(" (")
          .append(clean(e.getContext()))
          .append(" that starts at line ")
          .append(contextMark.getLine() + 1)
          .append(", column ")
          .append(contextMark.getColumn() + 1)
          .append(')');
    }
    String text = message.toString();
    problems.add(problemMark, "", text, syntaxHint(text));
  }

  static void reportCharacter(ReaderException e, String text, ProblemCollector problems) {
    int line = 1;
    int column = 1;
    int codePoints = 0;
    for (int i = 0; i < text.length() && codePoints < e.getPosition(); codePoints++) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    problems.add(
        line,
        column,
        "",
        String.format("the file contains the control character U+%04X", e.getCodePoint()),
        "remove it; YAML allows only printable characters, tabs and line breaks");
  }

  /** The composer's limit errors have no mark; the last event read is where it gave up. */
  static void reportLimit(YAMLException e, Mark lastMark, ProblemCollector problems) {
    String text = e.getMessage() == null ? "" : e.getMessage();
    String message;
    String hint;
    if (text.startsWith("Number of aliases")) {
      message =
          "the file uses more than "
              + Limits.MAX_COLLECTION_ALIASES
              + " aliases of lists or mappings";
      hint =
          "aliases of collections are limited to stop alias bombs (\"billion laughs\");"
              + " write the values out";
    } else if (text.startsWith("Nesting Depth")) {
      message = "the file nests lists and mappings more than " + Limits.MAX_NESTING_DEPTH + " deep";
      hint = "flatten the structure";
    } else if (text.contains("exceeds the limit")) {
      message = "the file has more than " + Limits.MAX_CODE_POINTS + " characters";
      hint = "check that this is the right file";
    } else {
      message = "invalid YAML: " + clean(text);
      hint = SYNTAX_HINT;
    }
    problems.add(lastMark, "", message, hint);
  }

  private static String clean(String text) {
    if (text.contains("\\t(TAB)")) {
      return "found a tab character where YAML does not allow one";
    }
    return JAVA_NAME.matcher(text).replaceAll("").strip();
  }

  private static String syntaxHint(String text) {
    if (text.contains("a tab character")) {
      return "indent with spaces, not tabs";
    }
    if (text.contains("flow sequence")) {
      return "check that every '[' has a matching ']'";
    }
    if (text.contains("flow mapping")) {
      return "check that every '{' has a matching '}'";
    }
    if (text.contains("quoted scalar") && text.contains("end of stream")) {
      return "check that every quote is closed";
    }
    if (text.contains("undefined alias")) {
      return "define the anchor (&name) before the alias (*name) that uses it";
    }
    return SYNTAX_HINT;
  }
}
