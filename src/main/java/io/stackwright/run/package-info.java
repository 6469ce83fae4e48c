/**
 * What the commands do: {@link io.stackwright.run.SynthRun} writes {@code dist/}, {@link
 * io.stackwright.run.DiffRun} shows what a synth would change in it. Each returns an {@link
 * io.stackwright.run.Outcome}: a {@link io.stackwright.run.Status} and what to print; the command
 * line parses options and prints, and nothing more.
 */
package io.stackwright.run;
