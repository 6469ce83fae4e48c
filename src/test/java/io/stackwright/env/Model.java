package io.stackwright.env;

import java.util.List;
import java.util.Map;

/** Small records standing in for a real environment model. */
final class Model {

  private Model() {}

  /** A CPU amount such as {@code 500m} or {@code 2}, stored in millicores. */
  record Cpu(long millis) {
    public static Cpu parse(String text) {
      try {
        if (text.endsWith("m")) {
          return new Cpu(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return new Cpu(Long.parseLong(text) * 1000);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "invalid CPU quantity \"" + text + "\"; use cores (2) or millicores (500m)");
      }
    }
  }

  enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    VERY_VERBOSE
  }

  record Resources(Cpu cpu, String memory) {}

  record Port(String name, int port) {
    Port {
      if (port < 1 || port > 65535) {
        throw new InvalidPropException(
            "port", "port " + port + " is out of range", "use a port from 1 to 65535");
      }
    }
  }

  record Service(
      String image,
      Integer replicas,
      Boolean debug,
      LogLevel logLevel,
      List<Port> ports,
      Map<String, String> env,
      Resources resources) {
    Service {
      if (image == null) {
        throw new InvalidPropException("image", "image is required", "add image: <name>:<tag>");
      }
      replicas = replicas == null ? 1 : replicas;
      if (replicas < 1 || replicas > 50) {
        throw new InvalidPropException(
            "replicas", "replicas must be between 1 and 50, got " + replicas, "");
      }
      debug = debug != null && debug;
      logLevel = logLevel == null ? LogLevel.INFO : logLevel;
      ports = ports == null ? List.of() : ports;
      env = env == null ? Map.of() : env;
    }
  }

  record Environment(
      String name,
      Map<String, Service> services,
      List<String> domains,
      Long budget,
      Double ratio) {}

  record Flags(boolean tls, int workers, String mode) {}

  record Tree(String name, List<Tree> children) {}

  record Grid(List<List<String>> rows) {}

  record WithOptional(java.util.Optional<String> name) {}

  record Strict(String name) {
    Strict {
      java.util.Objects.requireNonNull(name, "name is required");
    }
  }
}
