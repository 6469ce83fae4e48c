/**
 * Environments to in-memory output through the validation gate. Internal: the public API is listed
 * in docs/library.md; a stack of one's own runs through {@link io.stackwright.cli.Main}.
 */
package io.stackwright.synth;
