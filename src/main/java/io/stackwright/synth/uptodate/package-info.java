/**
 * The up-to-date record: what each environment's last successful synth was made from, so that a
 * synth can leave an environment whose inputs did not change as {@code dist/} holds it. {@link
 * io.stackwright.synth.uptodate.UpToDate} is the one entry point. Internal: the public API is
 * listed in docs/library.md.
 */
package io.stackwright.synth.uptodate;
