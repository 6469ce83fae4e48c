package io.stackwright.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Running a tool as a child process. */
class ToolRunTest {

  @Test
  @DisabledOnOs(OS.WINDOWS)
  void aToolThatHangsIsKilledWithEveryProcessItStarted(@TempDir Path folder) throws Exception {
    Path tool = folder.resolve("hangs");
    Path pids = folder.resolve("pids");
    Files.writeString(
        tool,
        "#!/bin/sh\nsleep 300 &\necho $! > "
            + pids
            + ".tmp\necho $$ >> "
            + pids
            + ".tmp\n"
            + "mv "
            + pids
            + ".tmp "
            + pids
            + "\nsleep 300\n");
    tool.toFile().setExecutable(true);

    assertThatThrownBy(
            () ->
                ToolRun.run(
                    List.of(tool.toString()), folder, null, folder, Duration.ofMillis(1500)))
        .isInstanceOf(ToolRun.ToolFailure.class)
        .hasMessageContaining("did not finish within 1.5 s");

    List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
    assertThat(started).hasSize(2);
    for (long pid : started) {
      assertThat(gone(pid)).as("process %d is gone", pid).isTrue();
    }
  }

  /** Whether the process has ended (a zombie waiting to be reaped counts as ended). */
  private static boolean gone(long pid) throws IOException, InterruptedException {
    for (int i = 0; i < 50; i++) {
      Optional<ProcessHandle> handle = ProcessHandle.of(pid);
      if (handle.isEmpty() || !handle.get().isAlive() || zombie(pid)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static boolean zombie(long pid) throws IOException {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return true;
    }
    String text = Files.readString(stat);
    return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
  }
}
