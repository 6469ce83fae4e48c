package io.stackwright.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nginx layer: {@code nginx -t} on a generated {@code nginx.conf}, which parses the whole file,
 * loads every directive as the server would, resolves the upstreams and creates the temp folders,
 * without listening.
 *
 * <p>The file runs as it is but for these substitutions, each because what it names exists only in
 * the container:
 *
 * <ul>
 *   <li>{@code /tmp/...} (the pid file and temp folders, on the image's one writable folder) is
 *       {@code <scratch>/tmp/...};
 *   <li>{@code /etc/nginx/...} (the image's {@code mime.types}) is the checker's own {@code
 *       /etc/nginx} ({@link Programs#nginxConf()}), or a minimal {@code mime.types} when it has
 *       none;
 *   <li>an upstream's {@code server <host>:<port>} names {@code 127.0.0.1}: the stack's service
 *       names resolve only in its own network, and nginx resolves them as it loads the file (a live
 *       run maps each to a port of its own).
 * </ul>
 *
 * <p>The nginx that runs here is Debian's (see docs/validation.md), whose built-in temp folders are
 * under {@code /var/lib/nginx}, not the image's, and whose {@code /var/log/nginx} does not exist
 * here: a file that leaves a temp path or the access log unset fails here. The generated files set
 * every one, on {@code /tmp} and the standard streams, as the image's read-only root needs anyway.
 */
final class NginxCheck {
  /**
   * An upstream server line, {@code server backend:8080;}; neither a server block nor server_name.
   */
  private static final Pattern UPSTREAM_SERVER =
      Pattern.compile("(?m)^(\\s*server\\s+)([A-Za-z0-9][A-Za-z0-9.-]*)(?::(\\d+))?(\\b[^;{]*;)");

  private static final Pattern LISTEN = Pattern.compile("(?m)^(\\s*listen\\s+)(\\d+)(\\s*;)");
  private static final Pattern ROOT = Pattern.compile("(?m)^(\\s*root\\s+)(/[^;\\s]*)(\\s*;)");

  /** {@code nginx: [emerg] <message> in <file>:<line>}. */
  private static final Pattern COMPLAINT =
      Pattern.compile("nginx: \\[(emerg|alert|crit|error)\\] (.*?)(?: in (\\S+):(\\d+))?$");

  private final Path nginx;
  private final Path etcNginx;

  /**
   * @param nginx the nginx executable
   * @param etcNginx what stands for the image's {@code /etc/nginx}, or {@code null}
   */
  NginxCheck(Path nginx, Path etcNginx) {
    this.nginx = nginx;
    this.etcNginx = etcNginx;
  }

  /**
   * Checks one file.
   *
   * @param scratch an empty folder of its own
   * @throws ToolRun.ToolFailure when nginx cannot be run, or fails without saying why
   */
  List<Finding> check(GeneratedConfig config, Path scratch) throws ToolRun.ToolFailure {
    Path conf;
    try {
      conf = prepare(config.content(), scratch, Map.of(), null, null);
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot write nginx.conf for nginx -t: " + e.getMessage());
    }
    List<String> command =
        List.of(
            nginx.toString(),
            "-t",
            "-q",
            "-p",
            scratch + "/",
            "-c",
            conf.toString(),
            "-e",
            scratch.resolve("error.log").toString());
    ToolRun run = ToolRun.run(command, scratch, null, scratch);
    if (run.exitCode() == 0) {
      return List.of();
    }
    List<Finding> findings = new ArrayList<>();
    for (String line : (run.stderr() + "\n" + run.stdout()).split("\n")) {
      Matcher m = COMPLAINT.matcher(line.strip());
      if (m.matches()) {
        String where = m.group(4) == null ? "" : " (line " + m.group(4) + ")";
        findings.add(config.finding(Layer.NGINX, "nginx -t: " + m.group(2) + where));
      }
    }
    if (findings.isEmpty()) {
      throw new ToolRun.ToolFailure(
          "nginx -t exited with code " + run.exitCode() + ": " + run.stderr().strip());
    }
    return findings;
  }

  /**
   * Writes the file with the substitutions of this class into {@code scratch}, and makes its temp
   * folder.
   *
   * @param upstreams the port on 127.0.0.1 for each upstream host (a live run's stand-ins); a host
   *     not named keeps its port
   * @param listen the port on 127.0.0.1 to listen on instead of the file's, or {@code null} to keep
   *     the file's
   * @param root the folder served instead of the file's {@code root}, or {@code null}
   * @return the file to give nginx
   */
  Path prepare(
      String content, Path scratch, Map<String, Integer> upstreams, Integer listen, Path root)
      throws IOException {
    Files.createDirectories(scratch.resolve("tmp"));
    Path etc = etcNginx;
    if (etc == null) {
      etc = Files.createDirectories(scratch.resolve("etc-nginx"));
      Files.writeString(etc.resolve("mime.types"), "types {\n  text/html html;\n}\n");
    }
    String text =
        content.replaceAll("(?<=[\\s\"'])/tmp/", Matcher.quoteReplacement(scratch + "/tmp/"));
    text = text.replaceAll("(?<=[\\s\"'])/etc/nginx/", Matcher.quoteReplacement(etc + "/"));
    text =
        UPSTREAM_SERVER
            .matcher(text)
            .replaceAll(
                m -> {
                  Integer port = upstreams.get(m.group(2));
                  String address =
                      "127.0.0.1"
                          + (port != null
                              ? ":" + port
                              : m.group(3) == null ? "" : ":" + m.group(3));
                  return Matcher.quoteReplacement(m.group(1) + address + m.group(4));
                });
    if (listen != null) {
      text = LISTEN.matcher(text).replaceAll("$1127.0.0.1:" + listen + "$3");
    }
    if (root != null) {
      text =
          ROOT.matcher(text)
              .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + root + m.group(3)));
    }
    Path conf = scratch.resolve("nginx.conf");
    Files.writeString(conf, text);
    return conf;
  }
}
