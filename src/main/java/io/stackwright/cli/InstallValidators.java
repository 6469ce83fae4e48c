package io.stackwright.cli;

import io.stackwright.text.Printable;
import io.stackwright.validate.Tools;
import io.stackwright.validate.ValidatorInstaller;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code stackwright install-validators}: installs the validation tools for any project, from the
 * script the jar carries, into the folder a synth looks in ({@link Tools#folder}).
 */
@Command(
    name = "install-validators",
    description =
        "Installs the validation tools (kubeconform, the Compose CLI, the Kubernetes schemas,"
            + " promtool, PostgreSQL, nginx, redis-server) into the tools folder a synth uses.")
final class InstallValidators implements Callable<Integer> {
  @Option(
      names = "--project-dir",
      defaultValue = ".",
      description = "The project whose tools folder to fill. Default: the current folder.")
  Path projectDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path folder = Tools.folder(projectDir, System::getProperty, System::getenv);
    try {
      int code = ValidatorInstaller.install(folder);
      if (code != 0) {
        spec.commandLine()
            .getErr()
            .println(
                "stackwright: installing the validation tools into "
                    + Printable.line(folder.toString())
                    + " failed (exit code "
                    + code
                    + "); the lines above say why");
        return Main.VALIDATION_FAILED;
      }
      return Main.OK;
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "stackwright: cannot run the installer (it needs Bash): "
                  + Printable.line(String.valueOf(e.getMessage())));
      return Main.VALIDATION_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Main.VALIDATION_FAILED;
    }
  }
}
