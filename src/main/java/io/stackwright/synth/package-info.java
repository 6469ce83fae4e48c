/**
 * Environments to in-memory output through the validation gate. Internal: the public API is listed
 * in the README; a stack of one's own runs through {@link io.stackwright.cli.Main}.
 */
package io.stackwright.synth;
