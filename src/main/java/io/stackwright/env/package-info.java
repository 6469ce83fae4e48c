/**
 * Strict loading of environment files: YAML bound onto immutable records, with every problem in a
 * file reported at once by file, line, column and key path. Start at {@link
 * io.stackwright.env.EnvironmentLoader}.
 */
package io.stackwright.env;
