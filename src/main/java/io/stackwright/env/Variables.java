package io.stackwright.env;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.TextStringBuilder;

/**
 * {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?message}} (required, with the message
 * to show when it is unset, as in the shell and in Compose) in scalar values; {@code $${VAR}} stays
 * literal. Substituted values are not substituted again, so a variable's content cannot inject
 * references. A variable set to the empty string counts as unset, as {@code :-} does in the shell
 * and in Compose: an empty image tag or host name is always a mistake, never a value.
 */
final class Variables {

  /**
   * The outcome for one scalar.
   *
   * @param text the substituted text; unset references are left in place
   * @param missing names of referenced variables that are unset and have no default, in order, each
   *     with the message its reference gives ({@code ${VAR:?message}}) or {@code ""}
   */
  record Substitution(String text, Map<String, String> missing) {}

  private final Function<String, String> lookup;

  /** The values substituted since {@link #forget}, by variable name. */
  private final Map<String, String> used = new LinkedHashMap<>();

  Variables(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  /** Starts a file: no value is remembered. */
  void forget() {
    used.clear();
  }

  /**
   * {@code text} with every value substituted since {@link #forget} written as its reference
   * instead ({@code ${CI_TOKEN}}): a problem quotes the file's values, and a variable's value may
   * be a secret of the shell or CI that runs the synth, which an environment file could otherwise
   * send into a log. Values shorter than six characters are left, as they would match ordinary
   * words.
   */
  String hideValues(String text) {
    String hidden = text;
    for (Map.Entry<String, String> variable : used.entrySet()) {
      if (variable.getValue().length() >= 6) {
        hidden = hidden.replace(variable.getValue(), "${" + variable.getKey() + "}");
      }
    }
    return hidden;
  }

  Substitution substitute(String text) {
    if (text.indexOf('$') < 0) {
      return new Substitution(text, Map.of());
    }
    Recording substitutor =
        new Recording(
            name -> {
              String value = lookup.apply(name);
              if (value != null && !value.isEmpty()) {
                used.put(name, value);
              }
              return value;
            });
    substitutor.setDisableSubstitutionInValues(true);
    substitutor.setEnableUndefinedVariableException(false);
    String result = substitutor.replace(text);
    return new Substitution(result, Collections.unmodifiableMap(substitutor.missing));
  }

  /**
   * StringSubstitutor applies a default only after the lookup has failed, so the lookup alone
   * cannot tell "unset" from "unset but defaulted"; the variable's own text can.
   */
  private static final class Recording extends StringSubstitutor {
    private static final String REQUIRED = ":?";

    private final Map<String, String> missing = new LinkedHashMap<>();

    Recording(Function<String, String> lookup) {
      super(
          name -> {
            String value = lookup.apply(bare(name));
            return value == null || value.isEmpty() ? null : value;
          });
    }

    /** The variable's name without a {@code :?message}. */
    private static String bare(String name) {
      int required = name.indexOf(REQUIRED);
      return required < 0 ? name : name.substring(0, required);
    }

    @Override
    protected String resolveVariable(
        String name, TextStringBuilder buffer, int startPos, int endPos) {
      String value = super.resolveVariable(name, buffer, startPos, endPos);
      if (value == null) {
        String reference = buffer.substring(startPos, endPos);
        if (!reference.startsWith(DEFAULT_VAR_START + name + DEFAULT_VAR_DEFAULT)) {
          int required = name.indexOf(REQUIRED);
          missing.putIfAbsent(
              bare(name), required < 0 ? "" : name.substring(required + REQUIRED.length()).strip());
        }
      }
      return value;
    }
  }
}
