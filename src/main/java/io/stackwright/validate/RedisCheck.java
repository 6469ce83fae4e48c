package io.stackwright.validate;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The redis layer: {@code redis-server} starts with a generated {@code redis.conf} on a free port
 * of 127.0.0.1, and {@code CONFIG GET} must answer, for every directive of the file, the value the
 * file gives (memory sizes compared in bytes). The server is stopped at once.
 *
 * <p>The file runs as it is but for these substitutions, each because what it names exists only in
 * the container: its writable folders {@code /data} and {@code /tmp} are folders of the scratch
 * folder, and the password file that the start command writes to {@code /tmp} (and the file
 * includes last) holds a throwaway password. {@code --bind 127.0.0.1 --port <free>} on the command
 * line override the file's network settings, which {@code CONFIG GET} is then not asked about.
 */
final class RedisCheck {
  /** The longest a server may take to accept connections. */
  private static final Duration START = Duration.ofSeconds(15);

  /** Directives not compared: overridden for the check, or not settings (include). */
  private static final List<String> NOT_COMPARED = List.of("bind", "port", "dir", "include");

  private static final Pattern MEMORY =
      Pattern.compile("(\\d+)(b|k|kb|m|mb|g|gb)?", Pattern.CASE_INSENSITIVE);

  private final Path redisServer;

  RedisCheck(Path redisServer) {
    this.redisServer = redisServer;
  }

  /** A server started from a file, with what is needed to talk to it and stop it. */
  record Server(Process process, int port, String password, Path log) implements AutoCloseable {
    /** Stops the server and waits for it. */
    @Override
    public void close() {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Checks one file.
   *
   * @param scratch an empty folder of its own
   * @throws ToolRun.ToolFailure when redis-server cannot be run
   */
  List<Finding> check(GeneratedConfig config, Path scratch) throws ToolRun.ToolFailure {
    Server server;
    try {
      server = start(config.content(), scratch);
    } catch (StartFailure e) {
      return List.of(
          config.finding(Layer.REDIS, "redis-server refused the file: " + e.getMessage()));
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot run " + redisServer + ": " + e.getMessage());
    }
    try (server) {
      Map<String, String> expected = directives(config.content());
      List<Finding> findings = new ArrayList<>();
      for (Map.Entry<String, String> directive : expected.entrySet()) {
        List<String> answer = command(server, "CONFIG", "GET", directive.getKey());
        String actual = answer.size() == 2 ? answer.get(1) : null;
        if (actual == null) {
          findings.add(
              config.finding(Layer.REDIS, "CONFIG GET " + directive.getKey() + " answers nothing"));
        } else if (!same(directive.getValue(), actual)) {
          findings.add(
              config.finding(
                  Layer.REDIS,
                  "CONFIG GET "
                      + directive.getKey()
                      + " answers \""
                      + actual
                      + "\", the file says \""
                      + directive.getValue()
                      + "\""));
        }
      }
      return findings;
    } catch (IOException e) {
      throw new ToolRun.ToolFailure("cannot read the configuration back from redis-server: " + e);
    }
  }

  /**
   * Starts a server from the file, with the substitutions of this class, and waits until it accepts
   * connections and the throwaway password.
   *
   * @throws StartFailure when the server stops, saying why
   */
  Server start(String content, Path scratch) throws IOException, StartFailure {
    // A free port may be taken by another process between the look-up and the server's bind.
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(content, scratch);
      } catch (StartFailure e) {
        if (attempt == 5 || !e.getMessage().contains("Address already in use")) {
          throw e;
        }
      }
    }
  }

  private Server startOnce(String content, Path scratch) throws IOException, StartFailure {
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    Files.createDirectories(scratch.resolve("data"));
    String password = "throwaway-" + Long.toHexString(System.nanoTime());
    Files.writeString(tmp.resolve("redis-auth.conf"), "requirepass \"" + password + "\"\n");
    String text =
        content.replaceAll(
            "(?<=\\s)/(data|tmp)(?=[/\\s]|$)",
            Matcher.quoteReplacement(scratch.toString()) + "/$1");
    Path conf = scratch.resolve("redis.conf");
    Files.writeString(conf, text);
    Path log = scratch.resolve("redis.log");
    int port = freePort();
    Process process =
        new ProcessBuilder(
                redisServer.toString(),
                conf.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--daemonize",
                "no")
            .directory(scratch.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    Server server = new Server(process, port, password, log);
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new StartFailure(why(log));
      }
      try {
        if ("PONG".equals(command(server, "PING").get(0))) {
          return server;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        server.close();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted");
      }
    }
    server.close();
    throw new StartFailure("did not accept connections within " + START.toSeconds() + " s");
  }

  /**
   * What redis-server said before it stopped: the lines after its {@code FATAL CONFIG FILE ERROR}
   * (the line, the directive and why), or else its last three lines.
   */
  private static String why(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.contains("FATAL CONFIG FILE ERROR")) {
        lines.clear();
      } else if (!line.isBlank()) {
        lines.add(line.strip());
      }
    }
    return String.join("; ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
  }

  /** Each directive of the file and its value as one string, in file order; the last one wins. */
  static Map<String, String> directives(String content) {
    Map<String, String> directives = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      String text = line.strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      String[] parts = text.split("\\s+", 2);
      String name = parts[0].toLowerCase(Locale.ROOT);
      if (!NOT_COMPARED.contains(name)) {
        String value = parts.length > 1 ? parts[1] : "";
        directives.put(name, value.replaceAll("^\"(.*)\"$", "$1"));
      }
    }
    return directives;
  }

  /** Whether the server's answer is the file's value: equal, or the same size in bytes. */
  static boolean same(String file, String answer) {
    if (file.equalsIgnoreCase(answer)) {
      return true;
    }
    Matcher a = MEMORY.matcher(file);
    Matcher b = MEMORY.matcher(answer);
    return a.matches() && b.matches() && bytes(a) == bytes(b);
  }

  private static long bytes(Matcher m) {
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "k" -> n * 1000;
      case "kb" -> n << 10;
      case "m" -> n * 1000_000;
      case "mb" -> n << 20;
      case "g" -> n * 1000_000_000;
      case "gb" -> n << 30;
      default -> n;
    };
  }

  /** Sends one command (authenticated) and reads the reply as a list of strings. */
  static List<String> command(Server server, String... words) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      send(out, "AUTH", server.password());
      List<String> auth = read(in);
      if (!"OK".equals(auth.get(0))) {
        throw new IOException("AUTH answered " + auth);
      }
      send(out, words);
      return read(in);
    }
  }

  private static void send(OutputStream out, String... words) throws IOException {
    StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
    }
    out.write(request.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads one RESP reply: a simple string, an error, an integer, a bulk string or an array. */
  private static List<String> read(InputStream in) throws IOException {
    String line = line(in);
    List<String> reply = new ArrayList<>();
    switch (line.charAt(0)) {
      case '+', ':' -> reply.add(line.substring(1));
      case '-' -> throw new IOException("redis answered " + line.substring(1));
      case '$' -> reply.add(bulk(in, Integer.parseInt(line.substring(1))));
      case '*' -> {
        int count = Integer.parseInt(line.substring(1));
        for (int i = 0; i < count; i++) {
          String header = line(in);
          reply.add(bulk(in, Integer.parseInt(header.substring(1))));
        }
      }
      default -> throw new IOException("unexpected reply " + line);
    }
    return reply;
  }

  private static String bulk(InputStream in, int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length + 2);
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        bytes.write(c);
      }
    }
    if (c == -1 && bytes.size() == 0) {
      throw new IOException("connection closed");
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A free port on 127.0.0.1, as the system hands one out. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** A server that stopped, or never accepted connections, with why. */
  static final class StartFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartFailure(String message) {
      super(message);
    }
  }
}
