package io.stackwright.services;

/**
 * An extension that ships with PostgreSQL (its {@code contrib} modules, which the official image
 * holds), enabled on the database's first start with {@code CREATE EXTENSION}. One that must be
 * loaded when the server starts is added to {@code shared_preload_libraries} too.
 */
public enum PostgresExtension {
  /** GIN index operator classes for common types. */
  BTREE_GIN("btree_gin", false),
  /** GiST index operator classes for common types. */
  BTREE_GIST("btree_gist", false),
  /** A case-insensitive text type. */
  CITEXT("citext", false),
  /** A multi-dimensional cube type. */
  CUBE("cube", false),
  /** Distances on the surface of the earth (needs {@link #CUBE}, which is enabled with it). */
  EARTHDISTANCE("earthdistance", false),
  /** Similarity and distance between strings. */
  FUZZYSTRMATCH("fuzzystrmatch", false),
  /** Key-value pairs in one value. */
  HSTORE("hstore", false),
  /** Functions and operators on arrays of integers. */
  INTARRAY("intarray", false),
  /** Hierarchical tree-like labels. */
  LTREE("ltree", false),
  /** The contents of the shared buffer cache, for tuning. */
  PG_BUFFERCACHE("pg_buffercache", false),
  /** Statistics of every statement the server runs; loaded at server start. */
  PG_STAT_STATEMENTS("pg_stat_statements", true),
  /** Trigram similarity of text, and trigram indexes for {@code LIKE} and fuzzy search. */
  PG_TRGM("pg_trgm", false),
  /** Cryptographic functions: hashing, encryption, random bytes. */
  PGCRYPTO("pgcrypto", false),
  /** Tables of another PostgreSQL server, by a foreign data wrapper. */
  POSTGRES_FDW("postgres_fdw", false),
  /** Functions that return whole tables, such as {@code crosstab}. */
  TABLEFUNC("tablefunc", false),
  /** Removes accents from text, for search. */
  UNACCENT("unaccent", false),
  /** UUID generators beyond the built-in {@code gen_random_uuid()}. */
  UUID_OSSP("uuid-ossp", false);

  private final String sqlName;
  private final boolean preload;

  PostgresExtension(String sqlName, boolean preload) {
    this.sqlName = sqlName;
    this.preload = preload;
  }

  /** {@return its name in SQL, such as {@code uuid-ossp}} */
  public String sqlName() {
    return sqlName;
  }

  /** {@return whether the server must load it at start ({@code shared_preload_libraries})} */
  public boolean preload() {
    return preload;
  }
}
