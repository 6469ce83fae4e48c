package io.stackwright.validate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A JVM that begins an early Compose check and exits while the CLI runs, as a synth that fails
 * before its gate does (see {@link ValidationGateTest}).
 */
final class BeginCheckAndExit {
  private BeginCheckAndExit() {}

  /**
   * Begins the check with the Compose CLI {@code args[0]}, waits until its scratch folder holds the
   * Compose file, and exits.
   */
  public static void main(String[] args) throws Exception {
    ValidationGate gate =
        new ValidationGate(new Tools(null, null, List.of(args[0])), ValidationMode.AUTO);
    gate.beginComposeCheck("qa", Map.of("compose/compose.yaml", "services: {}\n"));
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    for (int i = 0; i < 1000; i++) {
      try (Stream<Path> folders = Files.list(temp)) {
        if (folders.anyMatch(f -> Files.exists(f.resolve("qa/compose/compose.yaml")))) {
          System.out.println("begun");
          System.exit(0);
        }
      }
      Thread.sleep(10);
    }
    System.out.println("never begun");
    System.exit(1);
  }
}
