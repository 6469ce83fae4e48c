package io.stackwright.synth;

import java.util.SortedMap;

/**
 * One environment's file, loaded, with the inputs its output is made from.
 *
 * @param environment the environment's name
 * @param props what the file bound to
 * @param file the file's bytes as loaded; {@code null} when it changed while being loaded, so that
 *     the output is not recorded as made from either version
 * @param variables each variable the file looked up, with its value ({@code null} when unset)
 * @param nanos how long the loading took
 * @param <P> the record the stack's environment files bind to
 */
record Loaded<P extends Record>(
    String environment, P props, byte[] file, SortedMap<String, String> variables, long nanos) {}
