package io.stackwright.validate.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Outside development, no secret value is written into {@code dist/}: no Secret with {@code data}
 * or {@code stringData}; no Compose secret with inline {@code content}, or read from a file that is
 * not given by a variable; no variable named like a credential ({@code DB_PASSWORD}, {@code
 * API_TOKEN}) holding a literal value, in a container's {@code env}, a ConfigMap or a Compose
 * service's {@code environment}. A credential is referred to by name and mounted from a Secret that
 * exists outside the repository; a variable that holds a path ({@code DB_PASSWORD_FILE}) or names
 * something ({@code SECRET_NAME}) is not a credential. Compose may take a credential from the shell
 * that runs it ({@code ${DB_PASSWORD}}, or {@code ${DB_PASSWORD:?…}}), but not with a default,
 * which is a literal. Values are also read for credentials inside them: {@code password=…} in a
 * configuration file, {@code user:password@} in a URL, a PEM private key.
 */
final class NoLiteralSecrets implements PolicyRule {

  /** Words that make a variable name a credential's. */
  private static final Set<String> CREDENTIAL_WORDS =
      Set.of("PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIAL", "CREDENTIALS");

  /** Word pairs that do: {@code API_KEY}, {@code PRIVATE_KEY}, {@code ACCESS_KEY}. */
  private static final Set<String> CREDENTIAL_PAIRS =
      Set.of("API_KEY", "PRIVATE_KEY", "ACCESS_KEY");

  /** Last words that make it a reference to a credential rather than the credential. */
  private static final Set<String> REFERENCE_WORDS =
      Set.of("FILE", "PATH", "DIR", "NAME", "REF", "ID");

  private static final Pattern WORD_BREAK = Pattern.compile("[^A-Za-z0-9]+");

  /** A value Compose takes from its shell, with no default: {@code ${NAME}}, {@code ${NAME:?…}}. */
  private static final Pattern COMPOSE_REFERENCE =
      Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?\\?[^}]*)?}");

  /** A value Kubernetes takes from another variable of the container: {@code $(NAME)}. */
  private static final Pattern KUBERNETES_REFERENCE =
      Pattern.compile("\\$\\([A-Za-z_][A-Za-z0-9_]*\\)");

  /** A credential inside a longer value. */
  private static final List<Pattern> EMBEDDED =
      List.of(
          Pattern.compile(
              "(?i)(?<![a-z0-9_])(password|passwd|pwd|secret|token|api[_-]?key)\\s*[=:]\\s*[\"']?"
                  + "[^\\s\"'$/{}<>][^\\s\"']{2,}"),
          Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s:@]+:[^/\\s@$]+@"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"));

  @Override
  public String id() {
    return "no-literal-secrets";
  }

  @Override
  public String description() {
    return "Outside development, no secret value is written into dist/: Secrets are referred to"
        + " by name.";
  }

  @Override
  public List<Violation> check(PolicyInput input) {
    List<Violation> violations = new ArrayList<>();
    if (input.development()) {
      return violations;
    }
    for (KubeObject secret : input.ofKind("Secret")) {
      for (String field : List.of("data", "stringData")) {
        if (!Nodes.map(secret.body(), field).isEmpty()) {
          violations.add(
              Violation.of(
                  secret,
                  field,
                  "Secret "
                      + secret.name()
                      + " holds its values in dist/; outside development create it in the cluster"
                      + " and refer to it by name"));
        }
      }
    }
    for (KubeObject config : input.ofKind("ConfigMap")) {
      Nodes.map(config.body(), "data")
          .forEach(
              (key, value) -> {
                if (isLiteralCredential(key, value, false)) {
                  violations.add(Violation.of(config, "data." + key, literal(key)));
                } else if (embedsCredential(value)) {
                  violations.add(Violation.of(config, "data." + key, embedded(key)));
                }
              });
    }
    for (PodTemplate pod : input.podTemplates()) {
      for (PodTemplate.Container container : pod.allContainers()) {
        List<?> env = Nodes.list(container.body(), "env");
        for (int i = 0; i < env.size(); i++) {
          String name = Nodes.text(env.get(i), "name");
          Object value = Nodes.at(env.get(i), "value");
          if (name != null && isLiteralCredential(name, value, false)) {
            violations.add(
                Violation.of(pod.owner(), container.field("env[" + i + "].value"), literal(name)));
          } else if (name != null && embedsCredential(value)) {
            violations.add(
                Violation.of(pod.owner(), container.field("env[" + i + "].value"), embedded(name)));
          }
        }
      }
    }
    compose(input, violations);
    return violations;
  }

  private static void compose(PolicyInput input, List<Violation> violations) {
    Nodes.map(input.compose(), "secrets")
        .forEach(
            (name, secret) -> {
              String file = Nodes.text(secret, "file");
              if (Nodes.at(secret, "content") != null || (file != null && !file.startsWith("${"))) {
                violations.add(
                    new Violation(
                        input.composeFile(),
                        "ComposeSecret/" + name,
                        "secrets." + name + (file != null ? ".file" : ".content"),
                        "secret "
                            + name
                            + " is read from dist/; outside development give its file as"
                            + " ${VARIABLE} and list the variable in .env.example"));
              }
            });
    Nodes.map(input.compose(), "configs")
        .forEach(
            (name, config) -> {
              Object content = Nodes.at(config, "content");
              if (embedsCredential(content)) {
                violations.add(
                    new Violation(
                        input.composeFile(),
                        "ComposeConfig/" + name,
                        "configs." + name + ".content",
                        embedded("config " + name)));
              }
            });
    for (Map.Entry<String, Object> service : input.composeServices().entrySet()) {
      String prefix = "services." + service.getKey() + ".environment";
      Object environment = Nodes.at(service.getValue(), "environment");
      if (environment instanceof Map<?, ?> map) {
        map.forEach(
            (key, value) -> {
              if (isLiteralCredential(String.valueOf(key), value, true)) {
                violations.add(
                    new Violation(
                        input.composeFile(),
                        "ComposeService/" + service.getKey(),
                        prefix + "." + key,
                        literal(String.valueOf(key))));
              } else if (embedsCredential(value)) {
                violations.add(
                    new Violation(
                        input.composeFile(),
                        "ComposeService/" + service.getKey(),
                        prefix + "." + key,
                        embedded(String.valueOf(key))));
              }
            });
      } else if (environment instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          String entry = String.valueOf(list.get(i));
          int equals = entry.indexOf('=');
          if (equals > 0
              && (isLiteralCredential(entry.substring(0, equals), entry.substring(equals + 1), true)
                  || embedsCredential(entry.substring(equals + 1)))) {
            violations.add(
                new Violation(
                    input.composeFile(),
                    "ComposeService/" + service.getKey(),
                    prefix + "[" + i + "]",
                    literal(entry.substring(0, equals))));
          }
        }
      }
    }
  }

  /**
   * Whether {@code name} is a credential's and {@code value} a literal value of it; in Compose
   * ({@code compose}) a whole-value reference to the shell's variable without a default is not.
   */
  static boolean isLiteralCredential(String name, Object value, boolean compose) {
    if (value == null) {
      return false;
    }
    // Compose writes a literal $ as $$: what is left after them is what Compose substitutes.
    String text = compose ? String.valueOf(value).replace("$$", "") : String.valueOf(value);
    if (text.isEmpty() || text.startsWith("/")) {
      return false;
    }
    if ((compose ? COMPOSE_REFERENCE : KUBERNETES_REFERENCE).matcher(text).matches()) {
      return false;
    }
    List<String> words =
        List.of(
            WORD_BREAK.split(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT)));
    if (words.isEmpty()) {
      return false;
    }
    if (REFERENCE_WORDS.contains(words.get(words.size() - 1))) {
      return false;
    }
    for (int i = 0; i < words.size(); i++) {
      if (CREDENTIAL_WORDS.contains(words.get(i))
          || (i > 0 && CREDENTIAL_PAIRS.contains(words.get(i - 1) + "_" + words.get(i)))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code value} holds a credential inside it. */
  static boolean embedsCredential(Object value) {
    if (!(value instanceof String text)) {
      return false;
    }
    return EMBEDDED.stream().anyMatch(pattern -> pattern.matcher(text).find());
  }

  private static String embedded(String name) {
    return name
        + " holds what looks like a credential inside its value (a password setting, a URL with a"
        + " password, or a private key); keep it in a Secret, mounted as a file, and give its path";
  }

  private static String literal(String name) {
    return name
        + " holds a literal value that looks like a credential; mount it from a Secret as a file"
        + " and give the file's path (e.g. "
        + name
        + "_FILE=/run/secrets/…)";
  }
}
