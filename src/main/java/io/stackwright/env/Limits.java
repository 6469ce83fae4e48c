package io.stackwright.env;

/** The bounds that keep a hostile or mistaken file from exhausting memory or time. */
final class Limits {

  /** Environment files are hand-written; anything bigger is the wrong file or an attack. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  static final int MAX_CODE_POINTS = MAX_FILE_BYTES;

  /** Aliases to collections are what makes "billion laughs" expansion possible. */
  static final int MAX_COLLECTION_ALIASES = 20;

  static final int MAX_NESTING_DEPTH = 32;

  /**
   * Even within the alias limit, a few aliases of a large collection multiply the values bound;
   * this caps the work the binder does however the aliases are arranged.
   */
  static final int MAX_BOUND_VALUES = 1_000_000;

  /** Past this many, more problems only bury the first ones. */
  static final int MAX_PROBLEMS = 1000;

  private Limits() {}
}
