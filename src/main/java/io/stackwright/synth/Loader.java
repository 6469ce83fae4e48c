package io.stackwright.synth;

import io.stackwright.env.EnvironmentException;
import io.stackwright.env.EnvironmentLoader;
import io.stackwright.stack.StackDefinition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Loads a project's environment files for its stack, each checked by the stack as well ({@link
 * StackDefinition#check}), and reports every problem of every selected file at once. A load for a
 * synth notes what it read: the file's bytes and the variables it looked up, which are inputs of
 * the environment's output.
 *
 * @param <P> the record the stack's environment files bind to
 */
final class Loader<P extends Record> {
  private final StackDefinition<P> definition;
  private final Environments environments;
  private final Recorder variables;
  private final EnvironmentLoader loader;

  /** Looks variables up, noting each name and value while one file loads for a synth. */
  private static final class Recorder implements Function<String, String> {
    private final Function<String, String> lookup;
    private SortedMap<String, String> read;

    Recorder(Function<String, String> lookup) {
      this.lookup = lookup;
    }

    @Override
    public String apply(String name) {
      String value = lookup.apply(name);
      if (read != null) {
        read.put(name, value);
      }
      return value;
    }
  }

  Loader(
      StackDefinition<P> definition,
      Environments environments,
      Function<String, String> variables) {
    this.definition = definition;
    this.environments = environments;
    this.variables = new Recorder(variables);
    this.loader = new EnvironmentLoader(this.variables);
  }

  /**
   * Loads the named environments, noting what each read.
   *
   * @throws EnvironmentException every problem of every file
   */
  List<Loaded<P>> loadAll(List<String> names) throws EnvironmentException {
    List<Loaded<P>> loaded = new ArrayList<>();
    List<EnvironmentException> problems = new ArrayList<>();
    for (String name : names) {
      try {
        loaded.add(loadNoting(name));
      } catch (EnvironmentException e) {
        problems.add(e);
      }
    }
    if (!problems.isEmpty()) {
      throw EnvironmentException.combine(problems);
    }
    return loaded;
  }

  private Loaded<P> loadNoting(String name) throws EnvironmentException {
    long start = System.nanoTime();
    byte[] before = environments.contentOrNull(name);
    SortedMap<String, String> read = new TreeMap<>();
    variables.read = read;
    P props;
    try {
      props = load(name);
    } finally {
      variables.read = null;
    }
    byte[] after = environments.contentOrNull(name);
    byte[] file = before != null && Arrays.equals(before, after) ? before : null;
    return new Loaded<>(name, props, file, read, System.nanoTime() - start);
  }

  /**
   * Loads one environment, noting nothing: for the environments a synth only looks at.
   *
   * @throws EnvironmentException every problem of its file
   */
  P load(String name) throws EnvironmentException {
    return loader.load(
        environments.file(name),
        environments.display(name),
        definition.propsType(),
        props -> definition.check(name, props));
  }
}
