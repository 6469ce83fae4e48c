package io.stackwright.synth;

import io.stackwright.env.InvalidPropException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an environment file holds each record of its settings: the key path of every record
 * instance reachable from the loaded props record, through record components, lists ({@code
 * path[0]}) and maps with text keys ({@code path.key}), in the form the loader reports problems in.
 * A construct made from one of them ({@code new Nginx(stack, settings.edge(), ...)}) has its
 * rejected values reported at that record's path ({@code edge.replicas}), whatever the stack named
 * its settings.
 */
final class PropsPaths {
  private final Map<Object, String> paths = new IdentityHashMap<>();

  /** Records reached along two paths: which of the two holds a value cannot be told. */
  private final Set<Object> ambiguous = Collections.newSetFromMap(new IdentityHashMap<>());

  private PropsPaths() {}

  /**
   * The paths of every record of one environment's settings.
   *
   * @param props the settings, as loaded
   * @return the paths
   */
  static PropsPaths of(Record props) {
    PropsPaths paths = new PropsPaths();
    paths.visit(props, "");
    paths.ambiguous.forEach(paths.paths::remove);
    return paths;
  }

  /**
   * The path of a record in the settings.
   *
   * @param record the record
   * @return its dotted key path from the file's root, {@code ""} for the root; {@code null} when
   *     the settings do not hold it, or hold it at two paths
   */
  String pathOf(Object record) {
    return paths.get(record);
  }

  /**
   * A rejection of a value of a record of the settings ({@link InvalidPropException#owner()}), at
   * its key path in the file.
   *
   * @param rejection the rejection
   * @return the rejection at {@code <the record's path>.<prop>}; {@code null} when it names no
   *     record of the settings, or a key that is not one of the record's components
   */
  InvalidPropException locate(InvalidPropException rejection) {
    Object owner = rejection.owner();
    String prop = rejection.prop();
    String path = owner == null ? null : pathOf(owner);
    if (path == null || prop == null || !isComponent(owner, prop.split("[.\\[]", 2)[0])) {
      return null;
    }
    return rejection.at(path.isEmpty() ? prop : path + "." + prop);
  }

  /**
   * A section the file leaves out ({@link InvalidPropException#missingSection}), at the key path of
   * the one component of the settings of that type that holds nothing.
   *
   * @param rejection the rejection
   * @param props the settings
   * @return the rejection at that path; {@code null} when no such component, or more than one,
   *     holds nothing
   */
  static InvalidPropException locateMissing(InvalidPropException rejection, Record props) {
    List<String> empty = new java.util.ArrayList<>();
    emptyOfType(
        props, rejection.section(), "", empty, Collections.newSetFromMap(new IdentityHashMap<>()));
    return empty.size() == 1 ? rejection.at(empty.get(0)) : null;
  }

  private static void emptyOfType(
      Record record, Class<?> type, String path, List<String> found, Set<Object> seen) {
    if (!seen.add(record)) {
      return;
    }
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      String at = path.isEmpty() ? component.getName() : path + "." + component.getName();
      Object value = read(record, component);
      if (value == null && component.getType() == type) {
        found.add(at);
      } else if (value instanceof Record inner) {
        emptyOfType(inner, type, at, found, seen);
      }
    }
  }

  private static boolean isComponent(Object record, String name) {
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      if (component.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private void visit(Object value, String path) {
    if (value instanceof Record record) {
      if (paths.putIfAbsent(record, path) != null) {
        ambiguous.add(record);
        return;
      }
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        visit(
            read(record, component),
            path.isEmpty() ? component.getName() : path + "." + component.getName());
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        visit(list.get(i), path + "[" + i + "]");
      }
    } else if (value instanceof Map<?, ?> map) {
      map.forEach(
          (key, item) -> {
            if (key instanceof String name) {
              visit(item, path.isEmpty() ? name : path + "." + name);
            }
          });
    }
  }

  private static Object read(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      // A record the reflection cannot read (not public): its values are reported as they are.
      return null;
    }
  }
}
