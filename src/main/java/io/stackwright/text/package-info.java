/**
 * Text that quotes input in what the synth prints, made safe to print. Internal: the public API is
 * listed in docs/library.md.
 */
package io.stackwright.text;
