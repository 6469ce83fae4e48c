/**
 * Reports for reviewers, generated from the stack model into {@code dist/} and committed with it:
 * the comparison of every environment ({@code dist/ENVIRONMENTS.md}) and a diagram of each stack
 * ({@code dist/<env>/ARCHITECTURE.md}). Deterministic, so that a change shows in review only as the
 * lines it changes.
 *
 * <p>Internal: the public API is listed in docs/library.md.
 */
package io.stackwright.report;
