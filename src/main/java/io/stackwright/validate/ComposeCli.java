package io.stackwright.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The schema layer for Compose: the Compose CLI's {@code config -q}, which loads a Compose file
 * exactly as {@code docker compose up} would, checks it against the Compose Specification and needs
 * no Docker engine. Outside development a Compose file reads its secrets' paths from variables
 * ({@code ${POSTGRES_PASSWORD_FILE:?…}}); the CLI gets a throwaway value for each variable {@code
 * compose/.env.example} lists, and no other variable, so a file that needs one it does not list
 * fails here.
 */
final class ComposeCli {
  /** Where the Compose renderer lists the variables a Compose file needs. */
  static final String ENV_EXAMPLE = "compose/.env.example";

  private static final Pattern VALIDATING = Pattern.compile("validating [^:]+: (\\S+) (.*)");
  private static final Pattern INTERPOLATING =
      Pattern.compile("error while interpolating (\\S+): (.*)");
  private static final Pattern UNKNOWN_PROPERTY =
      Pattern.compile("additional propert(?:y|ies) '([^']+)' not allowed");

  /** What the CLI prints when it crashes or is called wrongly, not when a file is invalid. */
  private static final Pattern CRASH =
      Pattern.compile(
          "(?m)^(panic: |goroutine \\d+ |fatal error: |Usage:)|unknown (shorthand )?flag|unknown"
              + " (docker )?command");

  /** Complaints about a Compose file that name neither the file nor a known prefix. */
  private static final Pattern COMPLAINT =
      Pattern.compile(
          ": invalid compose project$|^go-yaml load error|^yaml: |^'(services|secrets|networks"
              + "|volumes|configs)\\[|^env file .* not found");

  private static final Pattern VARIABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=.*");

  private final List<String> command;

  /** A CLI run by {@code command}: {@code [docker-compose]} or {@code [docker, compose]}. */
  ComposeCli(List<String> command) {
    this.command = List.copyOf(command);
  }

  /**
   * Checks one Compose file.
   *
   * @param composeFile the file, in a scratch copy of its environment's output
   * @param displayFile how findings name it, e.g. {@code compose/compose.yaml}
   * @param envExample the environment's {@code .env.example}, or {@code null} when it has none
   * @param scratch a folder for the throwaway file the variables point at
   * @throws ToolRun.ToolFailure when the CLI cannot be run, or fails other than by reporting on the
   *     file
   */
  List<Finding> check(Path composeFile, String displayFile, String envExample, Path scratch)
      throws ToolRun.ToolFailure {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String name : List.of("PATH", "HOME", "DOCKER_CONFIG", "SystemRoot", "TMPDIR")) {
      String value = System.getenv(name);
      if (value != null) {
        environment.put(name, value);
      }
    }
    List<String> variables = variables(envExample);
    if (!variables.isEmpty()) {
      String throwaway = throwaway(scratch).toString();
      variables.forEach(variable -> environment.put(variable, throwaway));
    }
    List<String> run = new ArrayList<>(command);
    run.addAll(List.of("-f", composeFile.toAbsolutePath().toString(), "config", "-q"));
    ToolRun result = ToolRun.run(run, composeFile.getParent(), environment, scratch);
    if (result.exitCode() == 0) {
      return List.of();
    }
    String output =
        (result.stderr() + "\n" + result.stdout()).replace(composeFile.toString(), displayFile);
    if (!isReport(result.exitCode(), output, displayFile)) {
      throw new ToolRun.ToolFailure(
          "the Compose CLI ("
              + String.join(" ", command)
              + ") exited with code "
              + result.exitCode()
              + (output.isBlank() ? " and no message" : ": " + output.strip()));
    }
    List<Finding> findings = new ArrayList<>();
    for (String line : output.split("\n")) {
      if (!line.isBlank() && !line.startsWith("decoding failed due to the following error")) {
        findings.add(finding(displayFile, line.strip()));
      }
    }
    return findings;
  }

  /**
   * Whether the CLI's failure is its verdict on the Compose file rather than a crash: exit code 1
   * (a signal, a Go panic or any other code is a crash), no sign of a crash or of being called
   * wrongly, and at least one line shaped like one of its complaints about a file (it names the
   * file or a path in it, or is a YAML or interpolation error).
   */
  static boolean isReport(int exitCode, String output, String displayFile) {
    if (exitCode != 1 || CRASH.matcher(output).find()) {
      return false;
    }
    for (String line : output.split("\n")) {
      String text = line.strip();
      if (text.contains(displayFile)
          || VALIDATING.matcher(text).matches()
          || INTERPOLATING.matcher(text).matches()
          || COMPLAINT.matcher(text).find()) {
        return true;
      }
    }
    return false;
  }

  /** The variables {@code .env.example} lists: the {@code NAME=} lines. */
  static List<String> variables(String envExample) {
    List<String> variables = new ArrayList<>();
    if (envExample != null) {
      for (String line : envExample.split("\n")) {
        Matcher m = VARIABLE.matcher(line.strip());
        if (m.matches()) {
          variables.add(m.group(1));
        }
      }
    }
    return variables;
  }

  // Synchronized: the Compose files of several environments are checked at once. One file serves
  // every variable: each names a file the CLI must find, and none is read for its content. (A file
  // each cost half a millisecond apiece, 0.2 s for a stack of 200 services.)
  private static synchronized Path throwaway(Path scratch) throws ToolRun.ToolFailure {
    try {
      Path file = Files.createDirectories(scratch.resolve("variables")).resolve("throwaway");
      if (!Files.exists(file)) {
        Files.writeString(file, "throwaway value for compose config\n");
      }
      return file.toAbsolutePath();
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot write a throwaway file: " + e.getMessage());
    }
  }

  /** A line of the CLI's complaint as a finding with object and field where it names them. */
  private static Finding finding(String file, String line) {
    String path = null;
    String message = line;
    Matcher validating = VALIDATING.matcher(line);
    Matcher interpolating = INTERPOLATING.matcher(line);
    if (validating.matches()) {
      path = validating.group(1);
      message = validating.group(2);
    } else if (interpolating.matches()) {
      path = interpolating.group(1);
      message = interpolating.group(2);
    }
    if (path == null) {
      return new Finding(Layer.COMPOSE, file, "", "", "", message);
    }
    if (path.equals("(root)")) {
      path = "";
    }
    Matcher unknown = UNKNOWN_PROPERTY.matcher(message);
    if (unknown.matches() && !unknown.group(1).contains("'")) {
      path = path.isEmpty() ? unknown.group(1) : path + "." + unknown.group(1);
      message = "unknown key " + unknown.group(1) + " (not in the Compose Specification)";
    }
    String object = "";
    if (path.startsWith("services.")) {
      String rest = path.substring("services.".length());
      int dot = rest.indexOf('.');
      object = "ComposeService/" + (dot < 0 ? rest : rest.substring(0, dot));
    } else if (path.startsWith("secrets.")) {
      String rest = path.substring("secrets.".length());
      int dot = rest.indexOf('.');
      object = "ComposeSecret/" + (dot < 0 ? rest : rest.substring(0, dot));
    }
    return new Finding(Layer.COMPOSE, file, object, path, "", message);
  }
}
