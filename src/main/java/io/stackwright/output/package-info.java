/**
 * YAML style, and the journaled, all-or-nothing writing of {@code dist/}. Internal: the public API
 * is listed in docs/library.md.
 */
package io.stackwright.output;
