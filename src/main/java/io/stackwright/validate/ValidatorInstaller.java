package io.stackwright.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Installs the validation tools into a folder from any project: the library's jar carries {@code
 * scripts/install-validators}, which this runs with Bash, its output going to the caller's. Every
 * tool is pinned there; one already installed at its version is left alone.
 */
public final class ValidatorInstaller {
  /** Where the build puts the script among the jar's resources, beside this class. */
  static final String SCRIPT = "install-validators";

  private ValidatorInstaller() {}

  /**
   * Runs the script.
   *
   * @param folder the tools folder to fill, made if missing ({@link Tools#folder})
   * @return the script's exit code: 0 when every tool it could install is installed
   * @throws IOException when the script cannot be written or Bash cannot be started
   * @throws InterruptedException when interrupted while the script runs
   */
  public static int install(Path folder) throws IOException, InterruptedException {
    Path script = Files.createTempFile("stackwright-install-validators-", ".sh");
    try {
      try (InputStream in = ValidatorInstaller.class.getResourceAsStream(SCRIPT)) {
        if (in == null) {
          throw new IllegalStateException(
              "the jar holds no " + SCRIPT + " beside " + ValidatorInstaller.class.getName());
        }
        Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
      }
      Process process =
          new ProcessBuilder(List.of("bash", script.toString(), folder.toString()))
              .inheritIO()
              .start();
      return process.waitFor();
    } finally {
      Files.deleteIfExists(script);
    }
  }
}
