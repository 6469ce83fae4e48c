/**
 * Strict loading of environment files: YAML bound onto immutable records, with every problem in a
 * file reported at once by file, line, column and key path. Start at {@link
 * io.stackwright.env.EnvironmentLoader}.
 *
 * <p>Internal, but for {@link io.stackwright.env.InvalidPropException}, which a props record of
 * one's own throws for a bad value: the public API is listed in docs/library.md.
 */
package io.stackwright.env;
