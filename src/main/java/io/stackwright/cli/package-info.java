/**
 * The command line, {@link io.stackwright.cli.Main}: public API, for the {@code main} of a stack of
 * one's own.
 */
package io.stackwright.cli;
