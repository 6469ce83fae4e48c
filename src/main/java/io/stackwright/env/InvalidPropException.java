package io.stackwright.env;

import java.util.function.Function;

/**
 * Rejects a value from a record's compact constructor. The loader reports it at the node of {@link
 * #key()} in the environment file, so a range check written once in the model points the user at
 * the exact line to fix.
 *
 * <p>A rule of the model that refuses a value some construct was given (one replica outside
 * development) does not know where the environment file wrote that value: it names the object the
 * value belongs to ({@link #owner()}) and the value's key there ({@link #prop()}), and whoever
 * knows where that object came from reports the same rejection at the file's key path ({@link
 * #at}). Its hints are then made for that path.
 */
public class InvalidPropException extends IllegalArgumentException {

  /** The rejected key path, or {@code null} when the whole mapping is rejected. */
  private final String key;

  /** How to fix the value, given the key path it is reported at. */
  private final transient Function<String, String> hint;

  /** How to fix it when the file does not write the key, given the key path. */
  private final transient Function<String, String> absentHint;

  /** The object the rejected value belongs to, or {@code null}. */
  private final transient Object owner;

  /** The value's key in {@link #owner}, or {@code null}. */
  private final String prop;

  /** The props type of a section the file leaves out ({@link #missingSection}), or {@code null}. */
  private final transient Class<?> section;

  /** What that section must hold at least. */
  private final String needs;

  /**
   * Creates the exception.
   *
   * @param key the record component whose value is rejected; {@code null} to reject the mapping as
   *     a whole
   * @param message what is wrong with the value
   * @param hint how to fix it; {@code null} or {@code ""} for none
   */
  public InvalidPropException(String key, String message, String hint) {
    this(key, message, path -> hint, null);
  }

  /**
   * Creates the exception with hints that name the key path they are given, such as {@code path ->
   * "set " + path + ": 2 or more"}, so that the same rejection reported at another key path ({@link
   * #at}) names that one.
   *
   * @param key the rejected key path; {@code null} to reject the mapping as a whole
   * @param message what is wrong with the value
   * @param hint how to fix it, given the key path it is reported at; it may return {@code null} or
   *     {@code ""} for none
   * @param absentHint how to fix it when the file does not write the key, its default being what
   *     was rejected (such as {@code path -> "add " + path + ": 2"}), given the key path; {@code
   *     null} for {@code hint}
   */
  public InvalidPropException(
      String key,
      String message,
      Function<String, String> hint,
      Function<String, String> absentHint) {
    super(message);
    this.key = key;
    this.hint = hint;
    this.absentHint = absentHint == null ? hint : absentHint;
    this.owner = null;
    this.prop = null;
    this.section = null;
    this.needs = null;
  }

  private InvalidPropException(String key, Class<?> section, String needs) {
    super("missing required key \"" + last(key) + "\"");
    this.key = key;
    this.hint = path -> "add a section " + last(path) + ": with at least " + needs;
    this.absentHint = hint;
    this.owner = null;
    this.prop = null;
    this.section = section;
    this.needs = needs;
  }

  /**
   * A section of settings a construct needs that the file leaves out: a props record of one's own
   * whose component of that type is {@code null}. Whoever holds the loaded settings reports it at
   * the key path of that component ({@link #at}), whatever the stack named it.
   *
   * @param key the section's key as the construct knows it, such as its service's name
   * @param section the section's props type, such as {@code FrontendProps}
   * @param needs what the section must hold at least, such as {@code the app's image}
   * @return the rejection
   */
  public static InvalidPropException missingSection(String key, Class<?> section, String needs) {
    return new InvalidPropException(key, section, needs);
  }

  /**
   * Returns the props type of the section the file leaves out, for a {@link #missingSection}.
   *
   * @return the type, or {@code null} for any other rejection
   */
  public Class<?> section() {
    return section;
  }

  private static String last(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** The same rejection, at another key path or of another owner's value. */
  private InvalidPropException(
      InvalidPropException rejection, String key, Object owner, String prop) {
    super(rejection.getMessage());
    this.key = key;
    this.hint = rejection.hint;
    this.absentHint = rejection.absentHint;
    this.owner = owner;
    this.prop = prop;
    this.section = rejection.section;
    this.needs = rejection.needs;
    setStackTrace(rejection.getStackTrace());
  }

  /**
   * Returns the rejected key path.
   *
   * @return the key, or {@code null} when the whole mapping is rejected
   */
  public String key() {
    return key;
  }

  /**
   * Returns how to fix the value.
   *
   * @return the hint for {@link #key()}, {@code ""} when there is none
   */
  public String hint() {
    return text(hint);
  }

  /**
   * Returns how to fix the value when the environment file does not write {@link #key()}, so that
   * its default is what was rejected: say, to add the key rather than to change it.
   *
   * @return the hint for {@link #key()}, {@code ""} when there is none
   */
  public String absentHint() {
    return text(absentHint);
  }

  /**
   * Returns the object the rejected value belongs to: what a rule of the model was given, such as a
   * service's model, or the props record an environment file bound it from.
   *
   * @return the owner, or {@code null} when the rejection names none
   */
  public Object owner() {
    return owner;
  }

  /**
   * Returns the rejected value's dotted key path in {@link #owner()}, such as {@code replicas} or
   * {@code ingress.tlsSecret}.
   *
   * @return the key path, or {@code null} when the rejection names no owner
   */
  public String prop() {
    return prop;
  }

  /**
   * The same rejection, of a value of another owner: as a service's model rejects it, of the props
   * record the service was made from, under that record's key.
   *
   * @param owner the object the value belongs to
   * @param prop the value's dotted key path in {@code owner}
   * @return the rejection, with the same key path, message and hints
   */
  public InvalidPropException ownedBy(Object owner, String prop) {
    return new InvalidPropException(this, key, owner, prop);
  }

  /**
   * The same rejection at another key path, its hints naming that path: where an environment file
   * holds the value.
   *
   * @param keyPath the dotted key path from the file's root
   * @return the rejection, with the same message and owner
   */
  public InvalidPropException at(String keyPath) {
    return section != null
        ? new InvalidPropException(keyPath, section, needs)
        : new InvalidPropException(this, keyPath, owner, prop);
  }

  private String text(Function<String, String> of) {
    String text = of == null ? null : of.apply(key);
    return text == null ? "" : text;
  }
}
