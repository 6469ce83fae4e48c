package io.stackwright.cli;

import io.stackwright.stack.StackDefinition;
import io.stackwright.starter.Starter;
import io.stackwright.text.Printable;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stackwright init <folder>}: a new project of one's own ({@link Starter}), then its first
 * synth, so that its {@code mvn test} passes at once. The synth compiles the new stack class with
 * the JDK's compiler; on a runtime without one, the project is written and the synth is left to its
 * own command.
 */
@Command(
    name = "init",
    description =
        "Makes a new project: a Maven build, a stack class, environments/ and a test; then"
            + " synthesizes its dist/.")
final class Init implements Callable<Integer> {
  @Parameters(index = "0", description = "The new project's folder: missing or empty.")
  Path folder;

  @Option(
      names = "--name",
      description = "The stack's name (a DNS label). Default: the folder's name.")
  String name;

  @Option(
      names = "--package",
      description = "The stack class's Java package. Default: com.example.<name without '-'>.")
  String packageName;

  @Option(names = "--group-id", description = "The Maven group id. Default: the package.")
  String groupId;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Starter.Project project;
    List<Path> written;
    try {
      project = project();
      written = Starter.write(project);
    } catch (IllegalArgumentException e) {
      err.println("stackwright: " + Printable.line(e.getMessage()) + "; nothing was written");
      return Main.BAD_INPUT;
    } catch (IOException e) {
      err.println(
          "stackwright: cannot write the project: "
              + Printable.line(describe(e))
              + "; what init had made is removed");
      return usersPath(e) ? Main.BAD_INPUT : Main.VALIDATION_FAILED;
    }
    String shown = Printable.line(folder.toString());
    out.println("init: wrote " + written.size() + " files into " + shown + ":");
    written.forEach(file -> out.println("  " + file));
    int code = firstSynth(project, out, err);
    if (code != Main.OK) {
      return code;
    }
    out.println("init: next, in " + shown + ":");
    out.println("  mvn test                          # dist/ is current and passes every layer");
    out.println("  mvn -q compile exec:java -Denv=all  # after a change: synthesize dist/ again");
    return Main.OK;
  }

  /** What went wrong, with the path: the JDK's messages for these are the path alone. */
  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: " + denied.getFile();
    }
    if (e instanceof FileAlreadyExistsException exists) {
      return exists.getFile() + " appeared while init was writing";
    }
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder: " + missing.getFile();
    }
    if (e instanceof FileSystemException failed && failed.getReason() != null) {
      return failed.getFile() + ": " + failed.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /** Whether the path given is the cause (a folder one may not write, a file where a folder is). */
  private static boolean usersPath(IOException e) {
    return e instanceof AccessDeniedException
        || e instanceof FileAlreadyExistsException
        || e instanceof NoSuchFileException
        || e instanceof FileSystemException f && "Not a directory".equals(f.getReason());
  }

  private Starter.Project project() {
    return Starter.Project.of(folder, name, packageName, groupId);
  }

  /** Compiles the new stack class and synthesizes every environment of the new project. */
  private int firstSynth(Starter.Project project, PrintWriter out, PrintWriter err)
      throws Exception {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      out.println(
          "init: this Java has no compiler, so dist/ is not written yet: run mvn -q compile"
              + " exec:java -Denv=all in the new project");
      return Main.OK;
    }
    // Where the project's own build puts its classes, which its next mvn compile replaces.
    Path classes = Files.createDirectories(folder.resolve("target/classes"));
    StringWriter messages = new StringWriter();
    Boolean compiled =
        compiler
            .getTask(
                messages,
                null,
                null,
                List.of(
                    "--release",
                    "17",
                    "-classpath",
                    classpath(),
                    "-d",
                    classes.toString(),
                    "-proc:none"),
                null,
                compiler
                    .getStandardFileManager(null, null, null)
                    .getJavaFileObjects(folder.resolve(project.stackSource()).toFile()))
            .call();
    if (!compiled) {
      throw new IllegalStateException("the starter's stack class does not compile:\n" + messages);
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classes.toUri().toURL()}, Init.class.getClassLoader())) {
      StackDefinition<?> definition =
          (StackDefinition<?>)
              loader.loadClass(project.stackClass()).getConstructor().newInstance();
      return Main.run(
          definition,
          new String[] {"synth", "--env", "all", "--project-dir", folder.toString()},
          out,
          err,
          System::getenv);
    }
  }

  /** This library's class path: the class loader's (as under Maven) and the JVM's. */
  private static String classpath() throws URISyntaxException {
    Set<String> entries = new LinkedHashSet<>();
    if (Init.class.getClassLoader() instanceof URLClassLoader loader) {
      for (URL url : loader.getURLs()) {
        entries.add(Path.of(url.toURI()).toString());
      }
    }
    entries.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    return String.join(File.pathSeparator, entries);
  }
}
