/**
 * The cross-cutting defaults every service gets, one class each, with both targets' halves and the
 * policy rule that checks the result: a default is found, changed and tested in one file. Start at
 * {@link io.stackwright.render.enrich.Enrichers}.
 *
 * <p>Internal: the public API is listed in the README.
 */
package io.stackwright.render.enrich;
