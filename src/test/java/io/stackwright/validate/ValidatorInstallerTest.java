package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The install script as the jar carries it, for projects without a Stackwright checkout: the same
 * file as {@code scripts/install-validators}, and it runs against a tools folder given to it.
 */
@DisabledOnOs(OS.WINDOWS)
class ValidatorInstallerTest {

  @Test
  void theJarCarriesTheCheckoutsScriptByteForByte() throws Exception {
    try (var in = ValidatorInstaller.class.getResourceAsStream(ValidatorInstaller.SCRIPT)) {
      assertThat(in).isNotNull();
      assertThat(in.readAllBytes())
          .isEqualTo(
              Files.readAllBytes(InstalledTools.PROJECT.resolve("scripts/install-validators")));
    }
  }

  @Test
  void itFillsTheFolderItIsGivenAndLeavesInstalledToolsAlone() throws Exception {
    InstalledTools.requireAllPrograms();
    Path tools = InstalledTools.PROJECT.resolve(".tools");
    long before = Files.getLastModifiedTime(tools.resolve("bin/kubeconform")).toMillis();

    int code = ValidatorInstaller.install(tools);

    assertThat(code).isZero();
    assertThat(Files.getLastModifiedTime(tools.resolve("bin/kubeconform")).toMillis())
        .isEqualTo(before);
  }
}
